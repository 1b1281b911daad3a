import type { ArgsRefusal } from './parse-options';

/** What a command run comes to: tests check it as it is; `printCliResult` hands it to the process. */
export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `--help`: the usage on stdout, exit 0; bad arguments: the problem and the usage on stderr, exit 2. */
export function refusedArgsResult(refusal: ArgsRefusal, usage: string): CliResult {
  if (refusal.help) return { exitCode: 0, stdout: `${usage}\n`, stderr: '' };
  return { exitCode: 2, stdout: '', stderr: `${refusal.problem ?? ''}\n${usage}\n` };
}

export function printCliResult(result: CliResult): void {
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
