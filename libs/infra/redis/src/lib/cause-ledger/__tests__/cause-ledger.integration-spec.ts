import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { CauseLedger } from '../cause-ledger';

/** The ledger's commit against the real redis-server: its refusals, the store's own Lua body, the records' life. */
describe('CauseLedger against Redis', () => {
  const redis = new Redis(process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379');
  const ledger = new CauseLedger('ledger-spec', "for _, item in ipairs(args) do redis.call('RPUSH', KEYS[2], item) end");
  const listKey = (leadId: string): string => `baton:lead:{${leadId}}:ledger-spec:list`;
  const commit = (leadId: string, version: number, causeKey: string, payload?: string) =>
    ledger.commit(
      redis,
      { leadId, version, state: { score: String(version + 10) }, keys: [listKey(leadId)], args: [causeKey], causes: [{ causeKey, ...(payload === undefined ? {} : { payload }) }] },
      60,
    );

  afterAll(() => redis.disconnect());

  it('should commit state, the body and a pending record at once, then mark it published keeping its TTL', async () => {
    const leadId = randomUUID();
    expect(await commit(leadId, 0, 'e:1', '{"a":1}')).toBe('committed');
    expect(await redis.hgetall(ledger.stateKey(leadId))).toEqual({ version: '1', score: '10' });
    expect(await redis.lrange(listKey(leadId), 0, -1)).toEqual(['e:1']);
    expect(await ledger.records(redis, leadId, ['e:1', 'e:2'])).toEqual(new Map([['e:1', { published: false, payload: '{"a":1}' }]]));

    await ledger.markPublished(redis, [{ leadId, causeKey: 'e:1' }]);
    expect(await ledger.records(redis, leadId, ['e:1'])).toEqual(new Map([['e:1', { published: true, payload: '' }]]));
    expect(await redis.ttl(ledger.recordKey(leadId, 'e:1'))).toBeGreaterThan(50);
  });

  it('should refuse a commit from a stale version or of a cause committed meanwhile, changing nothing', async () => {
    const leadId = randomUUID();
    expect(await commit(leadId, 0, 'e:1')).toBe('committed');
    expect(await commit(leadId, 0, 'e:2')).toBe('conflict');
    expect(await commit(leadId, 1, 'e:1')).toBe('conflict');
    expect(await redis.hget(ledger.stateKey(leadId), 'version')).toBe('1');
    expect(await redis.lrange(listKey(leadId), 0, -1)).toEqual(['e:1']);
    // A cause with nothing to publish is recorded published.
    expect(await ledger.records(redis, leadId, ['e:1', 'e:2'])).toEqual(new Map([['e:1', { published: true, payload: '' }]]));
  });

  it('should not mark a record that expired meanwhile', async () => {
    const leadId = randomUUID();
    await ledger.markPublished(redis, [{ leadId, causeKey: 'gone' }]);
    expect(await redis.exists(ledger.recordKey(leadId, 'gone'))).toBe(0);
  });
});
