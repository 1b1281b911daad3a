import { randomUUID } from 'node:crypto';
import { RedisConnection } from '@baton/redis';
import { identityBufferKey, identityLeadKey } from '../identity-link.keys';
import type { IdentityLinkOptions } from '../identity-link.options';
import { IdentityLinkStore } from '../identity-link.store';

describe('IdentityLinkStore (real Redis)', () => {
  // Unique per run: the Redis is shared with other test runs.
  const run = randomUUID().slice(0, 8);
  const options: IdentityLinkOptions = { bufferMaxEvents: 3, bufferTtlSeconds: 7 * 86_400, linkTtlSeconds: 30 * 86_400 };
  let connection: RedisConnection;
  let store: IdentityLinkStore;
  const used: string[] = [];

  const anon = (name: string): string => {
    const id = `${name}-${run}`;
    used.push(identityLeadKey(id), identityBufferKey(id));
    return id;
  };
  const event = (n: number): string => JSON.stringify({ eventId: `e-${run}-${n}`, leadId: 'x', type: 'page_view', occurredAt: '2026-01-01T00:00:00Z' });

  beforeAll(async () => {
    connection = new RedisConnection({ url: process.env['REDIS_URL'] ?? '', connectionName: `identity-link-spec-${run}` });
    await connection.onModuleInit();
    store = new IdentityLinkStore(connection, options);
  });

  afterAll(async () => {
    if (used.length > 0) await connection.client.del(...used);
    await connection.onApplicationShutdown();
  });

  it('should buffer an unlinked visitor’s events and hand them to the link, oldest first', async () => {
    const visitor = anon('buffer-then-link');
    expect(await store.bufferOrResolve(visitor, [event(1)])).toBeUndefined();
    expect(await store.bufferOrResolve(visitor, [event(2), event(3)])).toBeUndefined();

    expect(await store.link(visitor, `user-${run}`)).toEqual({ kind: 'linked', buffered: [event(1), event(2), event(3)] });
  });

  it('should resolve a linked visitor to its lead and buffer nothing more', async () => {
    const visitor = anon('resolve');
    await store.link(visitor, `user-${run}`);

    expect(await store.bufferOrResolve(visitor, [event(1)])).toBe(`user-${run}`);
    expect(await connection.client.exists(identityBufferKey(visitor))).toBe(0);
  });

  it('should keep the first link and report a conflict for another user', async () => {
    const visitor = anon('conflict');
    await store.bufferOrResolve(visitor, [event(1)]);
    await store.link(visitor, `first-${run}`);

    expect(await store.link(visitor, `second-${run}`)).toEqual({ kind: 'conflict', linkedTo: `first-${run}` });
    expect(await connection.client.get(identityLeadKey(visitor))).toBe(`first-${run}`);
    expect(await store.bufferOrResolve(visitor, [])).toBe(`first-${run}`);
  });

  it('should keep only the newest N events and set the TTLs of buffer and link', async () => {
    const visitor = anon('cap');
    for (const n of [1, 2, 3, 4, 5]) await store.bufferOrResolve(visitor, [event(n)]);

    expect(await connection.client.lrange(identityBufferKey(visitor), 0, -1)).toEqual([event(3), event(4), event(5)]);
    const bufferTtl = await connection.client.ttl(identityBufferKey(visitor));
    expect(bufferTtl).toBeGreaterThan(options.bufferTtlSeconds - 60);
    expect(bufferTtl).toBeLessThanOrEqual(options.bufferTtlSeconds);

    await store.link(visitor, `user-${run}`);
    const linkTtl = await connection.client.ttl(identityLeadKey(visitor));
    expect(linkTtl).toBeGreaterThan(options.linkTtlSeconds - 60);
    expect(linkTtl).toBeLessThanOrEqual(options.linkTtlSeconds);
  });

  it('should drain exactly the produced events, so that an entry it did not read survives', async () => {
    const visitor = anon('drain');
    await store.bufferOrResolve(visitor, [event(1), event(2)]);
    const linked = await store.link(visitor, `user-${run}`);
    if (linked.kind !== 'linked') throw new Error('expected a link');

    // After the link no append can happen (bufferOrResolve answers the lead); an entry written behind the
    // store's back stands for one the caller did not read, and must not be deleted with those it produced.
    expect(await store.bufferOrResolve(visitor, [event(3)])).toBe(`user-${run}`);
    await connection.client.rpush(identityBufferKey(visitor), event(9));
    await store.drain(visitor, linked.buffered.length);

    expect(await connection.client.lrange(identityBufferKey(visitor), 0, -1)).toEqual([event(9)]);
  });

  it('should drain again when the same pair is linked again before the delete (a crash after producing)', async () => {
    const visitor = anon('relink');
    await store.bufferOrResolve(visitor, [event(1), event(2)]);
    await store.link(visitor, `user-${run}`);

    expect(await store.link(visitor, `user-${run}`)).toEqual({ kind: 'linked', buffered: [event(1), event(2)] });
    await store.drain(visitor, 2);
    expect(await store.link(visitor, `user-${run}`)).toEqual({ kind: 'linked', buffered: [] });
  });

  it('should take back events whose produce failed, leaving the others', async () => {
    const visitor = anon('unbuffer');
    await store.bufferOrResolve(visitor, [event(1), event(2), event(3)]);
    await store.unbuffer(visitor, [event(2)]);

    expect(await connection.client.lrange(identityBufferKey(visitor), 0, -1)).toEqual([event(1), event(3)]);
  });

  it('should buffer a batch of 500 events in one call within the cap', async () => {
    const visitor = anon('batch');
    const big = new IdentityLinkStore(connection, { ...options, bufferMaxEvents: 1000 });
    const events = Array.from({ length: 500 }, (_, n) => event(n));
    await big.bufferOrResolve(visitor, events);

    expect(await connection.client.llen(identityBufferKey(visitor))).toBe(500);
  });
});
