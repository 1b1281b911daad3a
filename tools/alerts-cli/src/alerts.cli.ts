import { printCliResult, refusedArgsResult, type CliEnv, type CliResult } from '@baton/cli-kit';
import { formatDeadLetters, formatDeliveryLog } from './format-alerts';
import { NotifierClient } from './notifier-client';
import { API_KEY_VARIABLE, parseAlertsArgs, USAGE, type AlertsCommand } from './parse-alerts-args';

export type { CliResult } from '@baton/cli-kit';

/**
 * `alerts dead-letters | resend <alertId> --lead <leadId> | resend --all | log <leadId>  [--url URL] [--api-key KEY]`:
 * the notifier's dead letters and delivery log, and re-sending, with an API key (--api-key, else BATON_API_KEY). Exit 2 on bad arguments (with the usage), 1 when the
 * service cannot be reached or refuses (with its message; for `resend --all`, when any re-send failed).
 */
export async function runAlertsCli(argv: readonly string[], env: CliEnv = process.env, timeoutMs = 10_000): Promise<CliResult> {
  const parsed = parseAlertsArgs(argv, env);
  if (!parsed.ok) return refusedArgsResult(parsed, USAGE);
  return run(parsed.args, new NotifierClient(parsed.args.url, parsed.args.apiKey, timeoutMs, API_KEY_VARIABLE));
}

async function run(args: AlertsCommand, client: NotifierClient): Promise<CliResult> {
  switch (args.command) {
    case 'dead-letters': {
      const answer = await client.deadLetters();
      return answer.ok ? success(formatDeadLetters(answer.body)) : failure(answer.message);
    }
    case 'log': {
      const answer = await client.alertsOf(args.leadId);
      return answer.ok ? success(formatDeliveryLog(args.leadId, answer.body)) : failure(answer.message);
    }
    case 'resend': {
      const answer = await client.resend(args.alertId, args.leadId);
      return answer.ok ? success(`${args.alertId}: re-sent (${answer.body.status}); follow it with: npm run alerts -- log ${args.leadId}\n`) : failure(answer.message);
    }
    case 'resend-all': {
      const listed = await client.deadLetters();
      if (!listed.ok) return failure(listed.message);
      if (listed.body.length === 0) return success('No dead-lettered alerts: nothing to re-send.\n');
      const stdout: string[] = [];
      const stderr: string[] = [];
      // One after the other: a few hundred small requests at most, and the output stays in the listed order.
      for (const alert of listed.body) {
        const answer = await client.resend(alert.alertId, alert.leadId);
        if (answer.ok) stdout.push(`${alert.alertId} (lead ${alert.leadId}): re-sent (${answer.body.status})`);
        else stderr.push(`${alert.alertId} (lead ${alert.leadId}): not re-sent: ${answer.message}`);
      }
      stdout.push(`${stdout.length} of ${listed.body.length} dead-lettered ${listed.body.length === 1 ? 'alert' : 'alerts'} re-sent`);
      return { exitCode: stderr.length === 0 ? 0 : 1, stdout: `${stdout.join('\n')}\n`, stderr: stderr.length === 0 ? '' : `${stderr.join('\n')}\n` };
    }
  }
}

function success(stdout: string): CliResult {
  return { exitCode: 0, stdout, stderr: '' };
}

function failure(message: string): CliResult {
  return { exitCode: 1, stdout: '', stderr: `${message}\n` };
}

if (require.main === module) {
  void runAlertsCli(process.argv.slice(2)).then(printCliResult);
}
