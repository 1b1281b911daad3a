import { printCliResult, refusedArgsResult, type CliEnv, type CliResult } from '@baton/cli-kit';
import { fetchFunnel } from './fetch-funnel';
import { formatFunnel } from './format-funnel';
import { parseFunnelArgs, USAGE } from './parse-funnel-args';

export type { CliResult } from '@baton/cli-kit';

/**
 * `funnel --from YYYY-MM-DD --to YYYY-MM-DD [--url URL] [--api-key KEY]`: asks the lifecycle service for its funnel and prints it
 * as tables. Exit 2 on bad arguments (with the usage), 1 when the service cannot be reached or refuses.
 */
export async function runFunnelReportCli(argv: readonly string[], env: CliEnv = process.env): Promise<CliResult> {
  const parsed = parseFunnelArgs(argv, env);
  if (!parsed.ok) return refusedArgsResult(parsed, USAGE);
  const result = await fetchFunnel(parsed.args);
  if (!result.ok) return { exitCode: 1, stdout: '', stderr: `${result.message}\n` };
  return { exitCode: 0, stdout: formatFunnel(result.report), stderr: '' };
}

if (require.main === module) {
  void runFunnelReportCli(process.argv.slice(2)).then(printCliResult);
}
