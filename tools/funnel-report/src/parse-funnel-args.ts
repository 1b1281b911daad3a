import { apiKeyOption, parseOptions, refuseArgs, serviceBaseUrl, type ArgsRefusal, type CliEnv } from '@baton/cli-kit';

export const DEFAULT_LIFECYCLE_URL = 'http://localhost:3002';

export const API_KEY_VARIABLE = 'BATON_API_KEY';

export const USAGE = `usage: npm run funnel -- --from YYYY-MM-DD --to YYYY-MM-DD [--url URL] [--api-key KEY]
Prints the funnel of the lifecycle service: leads per stage now, and the MQL cohorts (by the week a lead became
an MQL) from --from to --to, both inclusive (UTC days), with MQL->SQL conversion and sales acceptance.
URL defaults to LIFECYCLE_URL, else ${DEFAULT_LIFECYCLE_URL}.
KEY (required) defaults to ${API_KEY_VARIABLE}: an API key with the funnel:read scope
(create one with: npm run api-keys -- create --source SOURCE --scopes funnel:read).`;

export interface FunnelArgs {
  readonly from: string;
  readonly to: string;
  /** The lifecycle service's base URL, without a trailing slash. */
  readonly url: string;
  /** Sent as `Authorization: Bearer`; needs the `funnel:read` scope. */
  readonly apiKey: string;
}

export type ParsedArgs = { readonly ok: true; readonly args: FunnelArgs } | ArgsRefusal;

/**
 * `--from`, `--to` (required, real calendar days, to not before from), `--url` and `--api-key` (required, else
 * BATON_API_KEY); `--name value` or `--name=value`.
 */
export function parseFunnelArgs(argv: readonly string[], env: CliEnv = {}): ParsedArgs {
  const parsed = parseOptions(argv, { values: ['from', 'to', 'url', 'api-key'] });
  if (!parsed.ok) return parsed;
  const { from, to, url: givenUrl, 'api-key': givenKey } = parsed.options.values;
  if (from === undefined || to === undefined) return refuseArgs('--from and --to are required');
  for (const [name, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isDay(value)) return refuseArgs(`--${name} must be a date, YYYY-MM-DD (got ${value})`);
  }
  if (to < from) return refuseArgs(`--to (${to}) must not be before --from (${from})`);
  const url = serviceBaseUrl(givenUrl, env, 'LIFECYCLE_URL', DEFAULT_LIFECYCLE_URL, 'the lifecycle');
  if (!url.ok) return url;
  const key = apiKeyOption(givenKey, env, API_KEY_VARIABLE);
  if (!key.ok) return key;
  return { ok: true, args: { from, to, url: url.url, apiKey: key.apiKey } };
}

/** A real calendar day: 2026-02-30 is refused, not rolled over to March. */
function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === value;
}
