import { writeFileSync } from 'node:fs';
import { formatOfflineReport, formatReport } from './format-report';
import { offlineReport } from './offline-report';
import { parseReplayArgs, USAGE } from './replay-args.parser';
import { replayXEducation } from './replay-x-education';

/** `npm run replay:x-education`: exit 2 with the usage on bad arguments, 1 when the replay fails. */
async function main(): Promise<number> {
  const parsed = parseReplayArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problem === undefined ? '' : `${parsed.problem}\n`}${USAGE}\n`);
    return parsed.help ? 0 : 2;
  }
  if (parsed.args.offline === true) {
    const report = offlineReport(parsed.args.model, parsed.args.limit);
    process.stdout.write(formatOfflineReport(report));
    if (parsed.args.reportPath !== undefined) {
      writeFileSync(parsed.args.reportPath, `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`report written to ${parsed.args.reportPath}\n`);
    }
    return 0;
  }
  for (const name of ['KAFKA_BROKERS', 'REDIS_URL']) {
    if ((process.env[name] ?? '') === '') {
      process.stderr.write(`${name} is not set: eval "$(bash scripts/infra.sh up)" first\n`);
      return 1;
    }
  }
  const { report } = await replayXEducation({ ...parsed.args, log: (line) => process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${line}\n`) });
  process.stdout.write(`\n${formatReport(report)}`);
  if (parsed.args.reportPath !== undefined) process.stdout.write(`report written to ${parsed.args.reportPath}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`replay failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
