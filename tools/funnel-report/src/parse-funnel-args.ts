export const DEFAULT_LIFECYCLE_URL = 'http://localhost:3002';

export const USAGE = `usage: npm run funnel -- --from YYYY-MM-DD --to YYYY-MM-DD [--url URL]
Prints the funnel of the lifecycle service: leads per stage now, and the MQL cohorts (by the week a lead became
an MQL) from --from to --to, both inclusive (UTC days), with MQL->SQL conversion and sales acceptance.
URL defaults to LIFECYCLE_URL, else ${DEFAULT_LIFECYCLE_URL}.`;

export interface FunnelArgs {
  readonly from: string;
  readonly to: string;
  /** The lifecycle service's base URL, without a trailing slash. */
  readonly url: string;
}

export type ParsedArgs = { readonly ok: true; readonly args: FunnelArgs } | { readonly ok: false; readonly help: boolean; readonly problem?: string };

const OPTIONS = ['from', 'to', 'url'] as const;
type Option = (typeof OPTIONS)[number];

/** `--from`, `--to` (required, real calendar days, to not before from) and `--url`; `--name value` or `--name=value`. */
export function parseFunnelArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ParsedArgs {
  const given: Partial<Record<Option, string>> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--help' || arg === '-h') return { ok: false, help: true };
    const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
    const name = match?.[1];
    if (match === null || !isOption(name)) return refuse(`unknown argument ${arg}`);
    if (given[name] !== undefined) return refuse(`--${name} given twice`);
    const value = match[2] ?? argv[++index];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) return refuse(`--${name} needs a value`);
    given[name] = value;
  }
  const { from, to } = given;
  if (from === undefined || to === undefined) return refuse('--from and --to are required');
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!isDay(value)) return refuse(`--${name} must be a date, YYYY-MM-DD (got ${value})`);
  }
  if (to < from) return refuse(`--to (${to}) must not be before --from (${from})`);
  const url = given.url ?? (env['LIFECYCLE_URL'] || DEFAULT_LIFECYCLE_URL);
  if (!isHttpUrl(url)) return refuse(`the lifecycle URL must be an http(s) URL (got ${url})`);
  return { ok: true, args: { from, to, url: url.replace(/\/+$/, '') } };
}

function refuse(problem: string): ParsedArgs {
  return { ok: false, help: false, problem };
}

function isOption(name: string | undefined): name is Option {
  return (OPTIONS as readonly (string | undefined)[]).includes(name);
}

/** A real calendar day: 2026-02-30 is refused, not rolled over to March. */
function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
