import { API_SCOPES } from '@baton/api-key';
import { parseApiKeysArgs, redactUrl } from '../parse-api-keys-args';

const REDIS = { REDIS_URL: 'redis://127.0.0.1:6379' };
const KEY_ID = '0123456789abcdef';
const KEY = `baton_${KEY_ID}_${'A'.repeat(43)}`;

describe('parseApiKeysArgs', () => {
  it('should take create with a source and scopes, in the order API_SCOPES lists them, each once', () => {
    expect(parseApiKeysArgs(['create', '--source', 'segment', '--scopes', 'profiles:write, events:write,events:write'], REDIS)).toEqual({
      ok: true,
      args: { command: 'create', redisUrl: 'redis://127.0.0.1:6379', source: 'segment', scopes: ['events:write', 'profiles:write'] },
    });
  });

  it('should take a rate limit given whole, and --redis-url over REDIS_URL', () => {
    expect(parseApiKeysArgs(['create', '--source=crm.eu_1', '--scopes=leads:read', '--rate-per-second', '20', '--burst', '1', '--redis-url', 'rediss://:pw@redis.internal:6380/2'], REDIS)).toEqual({
      ok: true,
      args: { command: 'create', redisUrl: 'rediss://:pw@redis.internal:6380/2', source: 'crm.eu_1', scopes: ['leads:read'], rateLimit: { perSecond: 20, burst: 1 } },
    });
  });

  it('should take list, and revoke with a key id or a whole key', () => {
    expect(parseApiKeysArgs(['list'], REDIS)).toEqual({ ok: true, args: { command: 'list', redisUrl: 'redis://127.0.0.1:6379' } });
    expect(parseApiKeysArgs(['revoke', KEY_ID], REDIS)).toEqual({ ok: true, args: { command: 'revoke', redisUrl: 'redis://127.0.0.1:6379', keyId: KEY_ID } });
    expect(parseApiKeysArgs(['revoke', KEY], REDIS)).toMatchObject({ ok: true, args: { command: 'revoke', keyId: KEY_ID } });
  });

  it.each([
    [[], /^a command is required: create, list or revoke$/],
    [['rotate'], /^unknown command rotate/],
    [['create', '--scopes', 'events:write'], /^create needs --source SOURCE/],
    [['create', '--source', 'Segment', '--scopes', 'events:write'], /^--source must be lowercase letters.*\(got Segment\)$/],
    [['create', '--source', '-segment', '--scopes', 'events:write'], /^--source must be/],
    [['create', '--source=_segment', '--scopes', 'events:write'], /^--source must be/],
    [['create', '--source', 'a'.repeat(65), '--scopes', 'events:write'], /^--source must be/],
    [['create', '--source', 'seg ment', '--scopes', 'events:write'], /^--source must be/],
    [['create', '--source', 'segment'], new RegExp(`^create needs --scopes SCOPE\\[,SCOPE\\.\\.\\.\\]; valid scopes: ${API_SCOPES.join(', ')}$`)],
    [['create', '--source', 'segment', '--scopes', 'events:write,events:read'], new RegExp(`^unknown scope events:read; valid scopes: ${API_SCOPES.join(', ')}$`)],
    [['create', '--source', 'segment', '--scopes', 'admin,everything'], /^unknown scopes admin, everything; valid scopes: events:write/],
    [['create', '--source', 'segment', '--scopes', 'events:write,'], /^--scopes has an empty entry/],
    [['create', '--source', 'segment', '--scopes', 'events:write', '--burst', '5'], /^--rate-per-second and --burst go together/],
    [['create', '--source', 'segment', '--scopes', 'events:write', '--rate-per-second', '5'], /^--rate-per-second and --burst go together/],
    [['create', '--source', 'segment', '--scopes', 'events:write', '--rate-per-second', '0', '--burst', '5'], /^--rate-per-second must be a whole number from 1 \(got 0\)$/],
    [['create', '--source', 'segment', '--scopes', 'events:write', '--rate-per-second', '2.5', '--burst', '5'], /^--rate-per-second must be a whole number from 1/],
    [['create', '--source', 'segment', '--scopes', 'events:write', '--rate-per-second', '5', '--burst=-1'], /^--burst must be a whole number from 1 \(got -1\)$/],
    [['create', '--source', 'segment', '--scopes', 'events:write', '--rate-per-second', '5', '--burst', '99999999999999999999'], /^--burst must be a whole number from 1/],
    [['create', 'segment', '--scopes', 'events:write'], /^create takes options only \(got segment\)$/],
    [['list', 'all'], /^list takes no argument/],
    [['list', '--source', 'segment'], /^--source goes with create only; list takes --redis-url$/],
    [['revoke', KEY_ID, '--scopes', 'events:write'], /^--scopes goes with create only; revoke takes KEY_ID and --redis-url$/],
    [['revoke'], /^revoke needs the id of the key/],
    [['revoke', KEY_ID, KEY_ID], /^revoke takes one key id/],
    [['revoke', '0123456789ABCDEF'], /^revoke takes a key id, 16 hex digits as list shows them, or a whole key \(got 0123456789ABCDEF\)$/],
    [['revoke', 'baton_0123'], /^revoke takes a key id/],
    [['list', '--verbose'], /^unknown argument --verbose$/],
    [['list', '--redis-url', 'http://localhost:6379'], /^the Redis URL must be a redis:\/\/ or rediss:\/\/ URL \(got http:\/\/localhost:6379\)$/],
    [['list', '--redis-url', 'redis://:s3cret@host:1/x', '--redis-url', 'redis://host'], /^--redis-url given twice$/],
  ])('should refuse %j', (argv, problem) => {
    expect(parseApiKeysArgs(argv, REDIS)).toEqual({ ok: false, help: false, problem: expect.stringMatching(problem) });
  });

  it('should refuse without a Redis URL, naming --redis-url and REDIS_URL', () => {
    const refusal = { ok: false, help: false, problem: 'the Redis the services use is required: pass --redis-url URL or set REDIS_URL' };
    expect(parseApiKeysArgs(['list'])).toEqual(refusal);
    expect(parseApiKeysArgs(['revoke', KEY_ID], { REDIS_URL: '' })).toEqual(refusal);
    expect(parseApiKeysArgs(['create', '--source', 'segment', '--scopes', 'events:write'], {})).toEqual(refusal);
  });

  it('should not repeat a password of a refused Redis URL', () => {
    expect(parseApiKeysArgs(['list', '--redis-url', 'http://:s3cret@host:6379'])).toEqual({ ok: false, help: false, problem: expect.not.stringContaining('s3cret') });
  });

  it('should ask for the usage on --help', () => {
    expect(parseApiKeysArgs(['create', '--help'])).toEqual({ ok: false, help: true });
  });
});

describe('redactUrl', () => {
  it('should hide the password only', () => {
    expect(redactUrl('redis://user:s3cret@host:6379/1')).toBe('redis://user:***@host:6379/1');
    expect(redactUrl('redis://host:6379')).toBe('redis://host:6379');
  });
});
