import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import request from 'supertest';
import { ApiKeyStore } from '@baton/api-auth';
import { IngestEnv, loadConfig } from '@baton/config';
import { IDENTITY_LINKS_TOPIC, type IdentityLinkedV1 } from '@baton/contracts';
import { createKafkaClient, parseBrokers } from '@baton/kafka';
import { createServiceApp } from '@baton/service-runtime';
import { TopicReader } from '@baton/testing';
import { IngestModule } from '../../ingest.module';
import { identityBufferKey, identityLeadKey } from '../identity-link.keys';
import { identityLinkOptionsOf } from '../identity-link.options';
import { rebuildIdentityState } from '../rebuild-identity-state';

/**
 * Identity links are facts of the log, Redis only derived state (architecture principle 1): after the keys are
 * gone, the rebuild restores every link and every still anonymous visitor's buffer from the two topics.
 */
describe('identity state rebuilt from the log', () => {
  const run = randomUUID().slice(0, 8);
  // A database of its own: the rebuild empties every identity key, which other suites running now must keep.
  const redisUrl = `${process.env['REDIS_URL'] as string}/3`;
  let config: IngestEnv;
  let app: NestExpressApplication;
  let redis: Redis;
  let key: string;
  let links: TopicReader;

  beforeAll(async () => {
    config = loadConfig(IngestEnv, { ...process.env, REDIS_URL: redisUrl }, 'ingest');
    app = await createServiceApp(IngestModule.forRoot(config), { logLevel: 'error', maxBodyBytes: config.API_MAX_BODY_BYTES });
    await app.init();
    redis = new Redis(redisUrl);
    key = (await new ApiKeyStore(redis).create({ source: 'rebuild-spec', scopes: ['events:write'] })).key;
    links = await TopicReader.start(config.KAFKA_BROKERS, IDENTITY_LINKS_TOPIC);
  });

  afterAll(async () => {
    await links?.stop();
    redis?.disconnect();
    await app?.close();
  });

  const segment = async (body: unknown, status = 202): Promise<void> => {
    await request(app.getHttpServer())
      .post('/v1/segment')
      .set('authorization', `Bearer ${key}`)
      .send(body as object)
      .expect(status);
  };
  const page = (messageId: string, ids: Record<string, string>, minutesAgo: number) => ({
    type: 'page',
    messageId: `${messageId}-${run}`,
    ...ids,
    timestamp: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
    properties: { url: 'https://example.com/pricing' },
  });

  it('restores the links and the anonymous buffers as they were', async () => {
    const [stranger, known, user] = [`stranger-${run}`, `known-${run}`, `user-${run}`];
    await segment({ batch: [page('s1', { anonymousId: stranger }, 30), page('s2', { anonymousId: stranger }, 20), page('k1', { anonymousId: known }, 10)] });
    await segment({ type: 'identify', messageId: `id-${run}`, userId: user, anonymousId: known, timestamp: new Date(Date.now() - 5 * 60_000).toISOString(), traits: { email: 'ada@example.com' } });
    // A second lead for the same visitor is refused (the first link holds) and never reaches the log.
    await segment({ type: 'alias', messageId: `alias-${run}`, previousId: known, userId: `other-${run}`, timestamp: new Date().toISOString() }, 400);

    const fact = await links.waitForKey<IdentityLinkedV1>(`anon:${known}`, 1);
    expect(fact[0]).toEqual({ linkId: `id-${run}`, anonymousLeadId: `anon:${known}`, leadId: user, source: 'identify', linkedAt: expect.any(String) });
    const before = { strangerBuffer: await redis.lrange(identityBufferKey(stranger), 0, -1), knownLink: await redis.get(identityLeadKey(known)) };
    expect(before.strangerBuffer).toHaveLength(2);
    expect(before.knownLink).toBe(user);

    await redis.unlink(identityBufferKey(stranger), identityLeadKey(known));
    const report = await rebuildIdentityState(createKafkaClient({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: 'rebuild-spec' }), redis, identityLinkOptionsOf(config));

    expect(report.links).toBeGreaterThanOrEqual(1);
    expect(await redis.get(identityLeadKey(known))).toBe(user); // the first link holds, not the refused alias
    expect(await redis.lrange(identityBufferKey(stranger), 0, -1)).toEqual(before.strangerBuffer);
    expect(await redis.exists(identityBufferKey(known))).toBe(0); // drained into its lead when linked
    const ttl = await redis.pttl(identityBufferKey(stranger));
    expect(ttl).toBeGreaterThan(29 * 86_400_000);
    expect(ttl).toBeLessThanOrEqual(30 * 86_400_000);
  });
});
