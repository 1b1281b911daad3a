import type { RateLimit } from '@baton/api-auth';
import { API_SCOPES, isApiScope, isKeyId, parseApiKey, type ApiScope } from '@baton/api-key';
import { parseOptions, refuseArgs, type ArgsRefusal, type CliEnv } from '@baton/cli-kit';

export const REDIS_URL_VARIABLE = 'REDIS_URL';

export const USAGE = `usage: npm run api-keys -- create --source SOURCE --scopes SCOPE[,SCOPE...] [--rate-per-second N --burst N] [--redis-url URL]
       npm run api-keys -- list [--redis-url URL]
       npm run api-keys -- revoke KEY_ID [--redis-url URL]
create  makes a key for one source (the system that sends with it: segment, crm, website) with the scopes it
        may use, and prints it once: Baton keeps only its hash, so it cannot be shown again
list    lists every key: id, source, scopes, when created and revoked, rate limit (never a key or its hash)
revoke  revokes a key at once (requests with it get 401); KEY_ID is the id list shows (or the whole key)
SOURCE   lowercase letters, digits, '.', '_' and '-', at most 64, starting with a letter or digit
SCOPE    ${API_SCOPES.join(', ')}
N        --rate-per-second (sustained) and --burst, whole numbers from 1, given together; without them the
         services' default limit applies
URL      the Redis the services use (redis:// or rediss://); defaults to ${REDIS_URL_VARIABLE}, one of them is required`;

export type ApiKeysCommand =
  | { readonly command: 'create'; readonly redisUrl: string; readonly source: string; readonly scopes: readonly ApiScope[]; readonly rateLimit?: RateLimit }
  | { readonly command: 'list'; readonly redisUrl: string }
  | { readonly command: 'revoke'; readonly redisUrl: string; readonly keyId: string };

export type ParsedArgs = { readonly ok: true; readonly args: ApiKeysCommand } | ArgsRefusal;

const COMMANDS = ['create', 'list', 'revoke'] as const;
type Command = (typeof COMMANDS)[number];
const CREATE_OPTIONS = ['source', 'scopes', 'rate-per-second', 'burst'] as const;
const SOURCE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * `<command> [KEY_ID] [--source S] [--scopes a,b] [--rate-per-second N --burst N] [--redis-url URL]`, options as
 * `--name value` or `--name=value`; each command takes only its own options. Everything is checked here, before
 * Redis is touched: a source, known scopes, positive whole rates, a key id's shape, a redis(s):// URL.
 */
export function parseApiKeysArgs(argv: readonly string[], env: CliEnv = {}): ParsedArgs {
  const parsed = parseOptions(argv, { values: ['redis-url', ...CREATE_OPTIONS], positionals: true });
  if (!parsed.ok) return parsed;
  const { values: given, positional } = parsed.options;

  const [command, ...rest] = positional;
  if (command === undefined) return refuseArgs('a command is required: create, list or revoke');
  if (!isCommand(command)) return refuseArgs(`unknown command ${command}: use create, list or revoke`);
  if (command !== 'create') {
    const misplaced = CREATE_OPTIONS.find((name) => given[name] !== undefined);
    if (misplaced !== undefined) return refuseArgs(`--${misplaced} goes with create only; ${command} takes ${command === 'list' ? '' : 'KEY_ID and '}--redis-url`);
  }

  switch (command) {
    case 'create': {
      if (rest.length > 0) return refuseArgs(`create takes options only (got ${rest.join(' ')})`);
      const source = parseSource(given.source);
      if (!source.ok) return source;
      const scopes = parseScopes(given.scopes);
      if (!scopes.ok) return scopes;
      const rateLimit = parseRateLimit(given['rate-per-second'], given.burst);
      if (!rateLimit.ok) return rateLimit;
      const redisUrl = parseRedisUrl(given['redis-url'], env);
      if (!redisUrl.ok) return redisUrl;
      return { ok: true, args: { command, redisUrl: redisUrl.url, source: source.source, scopes: scopes.scopes, ...(rateLimit.rateLimit === undefined ? {} : { rateLimit: rateLimit.rateLimit }) } };
    }
    case 'list': {
      if (rest.length > 0) return refuseArgs(`list takes no argument (got ${rest.join(' ')})`);
      const redisUrl = parseRedisUrl(given['redis-url'], env);
      if (!redisUrl.ok) return redisUrl;
      return { ok: true, args: { command, redisUrl: redisUrl.url } };
    }
    case 'revoke': {
      const [presented, ...extra] = rest;
      if (presented === undefined) return refuseArgs('revoke needs the id of the key: revoke KEY_ID (see list)');
      if (extra.length > 0) return refuseArgs(`revoke takes one key id (got ${rest.join(' ')})`);
      // The whole key works too: whoever found a leaked key can revoke it as it is.
      const keyId = isKeyId(presented) ? presented : parseApiKey(presented)?.keyId;
      if (keyId === undefined) return refuseArgs(`revoke takes a key id, 16 hex digits as list shows them, or a whole key (got ${presented})`);
      const redisUrl = parseRedisUrl(given['redis-url'], env);
      if (!redisUrl.ok) return redisUrl;
      return { ok: true, args: { command, redisUrl: redisUrl.url, keyId } };
    }
  }
}

function parseSource(source: string | undefined): { readonly ok: true; readonly source: string } | ArgsRefusal {
  if (source === undefined) return refuseArgs('create needs --source SOURCE: the system that sends with the key (segment, crm, website)');
  if (!SOURCE_PATTERN.test(source)) return refuseArgs(`--source must be lowercase letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit (got ${source})`);
  return { ok: true, source };
}

function parseScopes(list: string | undefined): { readonly ok: true; readonly scopes: readonly ApiScope[] } | ArgsRefusal {
  const valid = `valid scopes: ${API_SCOPES.join(', ')}`;
  if (list === undefined) return refuseArgs(`create needs --scopes SCOPE[,SCOPE...]; ${valid}`);
  const names = list.split(',').map((name) => name.trim());
  if (names.some((name) => name === '')) return refuseArgs(`--scopes has an empty entry (got ${list}); ${valid}`);
  const unknown = names.filter((name) => !isApiScope(name));
  if (unknown.length > 0) return refuseArgs(`unknown ${unknown.length === 1 ? 'scope' : 'scopes'} ${unknown.join(', ')}; ${valid}`);
  // In the order API_SCOPES lists them, each once.
  return { ok: true, scopes: API_SCOPES.filter((scope) => names.includes(scope)) };
}

function parseRateLimit(perSecond: string | undefined, burst: string | undefined): { readonly ok: true; readonly rateLimit?: RateLimit } | ArgsRefusal {
  if (perSecond === undefined && burst === undefined) return { ok: true };
  if (perSecond === undefined || burst === undefined) return refuseArgs("--rate-per-second and --burst go together: give both, or neither for the services' default limit");
  for (const [name, value] of [
    ['rate-per-second', perSecond],
    ['burst', burst],
  ] as const) {
    if (!isPositiveWholeNumber(value)) return refuseArgs(`--${name} must be a whole number from 1 (got ${value})`);
  }
  return { ok: true, rateLimit: { perSecond: Number(perSecond), burst: Number(burst) } };
}

function isPositiveWholeNumber(value: string): boolean {
  return /^[1-9][0-9]*$/.test(value) && Number.isSafeInteger(Number(value));
}

function parseRedisUrl(given: string | undefined, env: CliEnv): { readonly ok: true; readonly url: string } | ArgsRefusal {
  const url = given ?? (env[REDIS_URL_VARIABLE] || undefined);
  if (url === undefined) return refuseArgs(`the Redis the services use is required: pass --redis-url URL or set ${REDIS_URL_VARIABLE}`);
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') return refuseArgs(`the Redis URL must be a redis:// or rediss:// URL (got ${redactUrl(url)})`);
  return { ok: true, url };
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

function isCommand(name: string): name is Command {
  return (COMMANDS as readonly string[]).includes(name);
}
