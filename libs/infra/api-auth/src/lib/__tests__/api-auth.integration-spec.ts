import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Controller, Get, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Redis from 'ioredis';
import request from 'supertest';
import { API_SCOPES, parseApiKey } from '@baton/api-key';
import { RedisModule } from '@baton/redis';
import { createServiceApp, PublicEndpoint } from '@baton/service-runtime';
import { ApiAuthModule } from '../api-auth.module';
import { ApiKeyStore } from '../api-key.store';
import { RateLimiter } from '../rate-limiter';
import { RequiresScope } from '../requires-scope.decorator';

@Controller()
class ProbeController {
  @Post('write')
  @RequiresScope('events:write')
  write(): { ok: true } {
    return { ok: true };
  }

  @Get('read')
  @RequiresScope('leads:read')
  read(): { ok: true } {
    return { ok: true };
  }

  @Get('unmarked')
  unmarked(): { ok: true } {
    return { ok: true };
  }

  @Get('open')
  @PublicEndpoint()
  open(): { ok: true } {
    return { ok: true };
  }
}

@Module({
  imports: [RedisModule.forRoot({ url: process.env['REDIS_URL'] as string, connectionName: 'api-auth-spec' }), ApiAuthModule.forRoot({ perSecond: 1000, burst: 1000 })],
  controllers: [ProbeController],
})
class ProbeModule {}

// Not @baton/testing's uniqueId: the testing lib builds on this one.
const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

describe('API keys against the real Redis', () => {
  let redis: Redis;
  let store: ApiKeyStore;
  let app: NestExpressApplication;

  beforeAll(async () => {
    redis = new Redis(process.env['REDIS_URL'] as string);
    store = new ApiKeyStore(redis);
    app = await createServiceApp({ module: ProbeModule }, { logLevel: 'silent', maxBodyBytes: 1024 });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    redis?.disconnect();
  });

  const source = (): string => uniqueId('src').toLowerCase();

  describe('store', () => {
    it('keeps only the hash of the secret, and lists and revokes keys', async () => {
      const { key, record } = await store.create({ source: source(), scopes: ['events:write'] });
      const stored = await redis.hgetall(`baton:api-key:{${record.keyId}}`);
      expect(JSON.stringify(stored)).not.toContain(parseApiKey(key)?.secret);
      expect(await store.find(record.keyId)).toEqual(record);
      expect((await store.list()).map((listed) => listed.keyId)).toContain(record.keyId);
      expect(await store.revoke(record.keyId)).toBe(true);
      const revokedAt = (await store.find(record.keyId))?.revokedAt;
      expect(revokedAt).toBeDefined();
      expect(await store.revoke(record.keyId)).toBe(true);
      expect((await store.find(record.keyId))?.revokedAt).toBe(revokedAt);
      expect(await store.revoke('0123456789abcdef')).toBe(false);
    });
  });

  describe('guard', () => {
    const http = () => request(app.getHttpServer());

    it('answers 401 problem+json without a key, with a malformed, unknown or wrong key', async () => {
      const { key } = await store.create({ source: source(), scopes: ['events:write'] });
      const parsed = parseApiKey(key);
      const wrongSecret = `baton_${parsed?.keyId}_${'A'.repeat(43)}`;
      const missing = await http().post('/write').expect(401);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="baton"');
      expect(missing.body).toMatchObject({ status: 401, code: 'AUTH.MISSING_KEY', type: 'urn:baton:problem:auth-missing-key', instance: '/write' });
      for (const presented of ['nonsense', `baton_ffffffffffffffff_${'A'.repeat(43)}`, wrongSecret]) {
        const refused = await http().post('/write').set('authorization', `Bearer ${presented}`).expect(401);
        expect(refused.body.code).toBe('AUTH.INVALID_KEY');
      }
    });

    it('accepts a key as Bearer, as X-API-Key and as the Basic user name (Segment style)', async () => {
      const { key } = await store.create({ source: source(), scopes: ['events:write'] });
      await http().post('/write').set('authorization', `Bearer ${key}`).expect(201);
      await http().post('/write').set('x-api-key', key).expect(201);
      await http()
        .post('/write')
        .set('authorization', `Basic ${Buffer.from(`${key}:`).toString('base64')}`)
        .expect(201);
    });

    it('answers 403 naming the scope a key lacks', async () => {
      const { key } = await store.create({ source: source(), scopes: ['events:write'] });
      const refused = await http().get('/read').set('authorization', `Bearer ${key}`).expect(403);
      expect(refused.body).toMatchObject({ code: 'AUTH.INSUFFICIENT_SCOPE', requiredScope: 'leads:read' });
    });

    it('refuses a revoked key at once', async () => {
      const { key, record } = await store.create({ source: source(), scopes: [...API_SCOPES] });
      await http().get('/read').set('authorization', `Bearer ${key}`).expect(200);
      await store.revoke(record.keyId);
      const refused = await http().get('/read').set('authorization', `Bearer ${key}`).expect(401);
      expect(refused.body.code).toBe('AUTH.REVOKED_KEY');
    });

    it('closes a route that names no scope to requests without a valid key, and opens public ones', async () => {
      await http().get('/unmarked').expect(401);
      const { key } = await store.create({ source: source(), scopes: ['leads:read'] });
      await http().get('/unmarked').set('authorization', `Bearer ${key}`).expect(200);
      await http().get('/open').expect(200);
    });

    it('answers 429 with Retry-After once a key has used its burst, and only that key', async () => {
      const limited = await store.create({ source: source(), scopes: ['leads:read'], rateLimit: { perSecond: 1, burst: 3 } });
      const other = await store.create({ source: source(), scopes: ['leads:read'], rateLimit: { perSecond: 1, burst: 3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await http().get('/read').set('authorization', `Bearer ${limited.key}`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const refused = await http().get('/read').set('authorization', `Bearer ${limited.key}`).expect(429);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body).toMatchObject({ code: 'AUTH.RATE_LIMITED', retryAfterSeconds: 1 });
      await http().get('/read').set('authorization', `Bearer ${other.key}`).expect(200);
    });

    it('answers unknown routes and bad JSON as problems too', async () => {
      const unknown = await http().get('/nowhere').expect(404);
      expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
      const { key } = await store.create({ source: source(), scopes: ['events:write'] });
      const badJson = await http().post('/write').set('authorization', `Bearer ${key}`).set('content-type', 'application/json').send('{"a":').expect(400);
      expect(badJson.body.code).toBe('REQUEST.INVALID_JSON');
      // supertest would serialise a Buffer as JSON; fetch sends its bytes as they are.
      const server = app.getHttpServer().listen(0);
      const { port } = server.address() as AddressInfo;
      const notUtf8 = await fetch(`http://127.0.0.1:${port}/write`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: Buffer.from('{"a":"\xc3\x28"}', 'latin1'),
      });
      server.close();
      expect(notUtf8.status).toBe(400);
      expect(((await notUtf8.json()) as { code: string }).code).toBe('REQUEST.INVALID_UTF8');
      const tooLarge = await http()
        .post('/write')
        .set('authorization', `Bearer ${key}`)
        .send({ text: 'x'.repeat(2000) })
        .expect(413);
      expect(tooLarge.body.code).toBe('REQUEST.BODY_TOO_LARGE');
    });
  });

  describe('rate limiter', () => {
    it('refills at the sustained rate after the burst is spent', async () => {
      const limiter = new RateLimiter(redis);
      const keyId = uniqueId('bucket');
      const limit = { perSecond: 20, burst: 2 };
      expect((await limiter.take(keyId, limit)).allowed).toBe(true);
      expect((await limiter.take(keyId, limit)).allowed).toBe(true);
      const refused = await limiter.take(keyId, limit);
      expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect((await limiter.take(keyId, limit)).allowed).toBe(true);
      expect(await redis.pttl(`baton:api-key:{${keyId}}:rate`)).toBeGreaterThan(0);
    });
  });
});
