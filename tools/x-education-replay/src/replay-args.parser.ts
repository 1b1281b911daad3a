export interface ReplayArgs {
  readonly model: string;
  readonly limit?: number;
  readonly reportPath?: string;
  readonly concurrency?: number;
  /** Only the pure model over the mapped inputs: no services, no infrastructure. */
  readonly offline?: boolean;
}

export const USAGE = `usage: npm run replay:x-education -- [--model b2c-courses|b2b-default|FILE] [--limit N] [--report FILE.json] [--concurrency N] [--offline]
Replays /work/shared/datasets/x-education/leads.csv (or X_EDUCATION_CSV) through the four built services
(dist/apps; build them first) against KAFKA_BROKERS and REDIS_URL, and compares with the pure model.
--offline: the pure model only (no services needed).`;

export type ParsedReplayArgs = { readonly ok: true; readonly args: ReplayArgs } | { readonly ok: false; readonly help: boolean; readonly problem?: string };

const OPTIONS = ['--model', '--limit', '--report', '--concurrency'] as const;

export function parseReplayArgs(argv: readonly string[]): ParsedReplayArgs {
  const values = new Map<string, string>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--help' || arg === '-h') return { ok: false, help: true };
    if (arg === '--offline') {
      values.set(arg, 'true');
      continue;
    }
    const [name, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (!(OPTIONS as readonly string[]).includes(name)) return { ok: false, help: false, problem: `unknown argument ${arg}` };
    const value = inline ?? argv[++index];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) return { ok: false, help: false, problem: `${name} needs a value` };
    values.set(name, value);
  }
  const limit = positiveInteger(values.get('--limit'));
  const concurrency = positiveInteger(values.get('--concurrency'));
  if (limit === null) return { ok: false, help: false, problem: '--limit must be a whole number above 0' };
  if (concurrency === null) return { ok: false, help: false, problem: '--concurrency must be a whole number above 0' };
  const reportPath = values.get('--report');
  return {
    ok: true,
    args: {
      model: values.get('--model') ?? 'b2c-courses',
      ...(limit === undefined ? {} : { limit }),
      ...(reportPath === undefined ? {} : { reportPath }),
      ...(concurrency === undefined ? {} : { concurrency }),
      ...(values.has('--offline') ? { offline: true } : {}),
    },
  };
}

/** undefined when absent, null when not a whole number above 0. */
function positiveInteger(value: string | undefined): number | undefined | null {
  if (value === undefined) return undefined;
  return /^[1-9]\d*$/.test(value) ? Number(value) : null;
}
