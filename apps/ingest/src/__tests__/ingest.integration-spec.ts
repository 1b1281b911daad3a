import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import request from 'supertest';
import { ApiKeyStore } from '@baton/api-auth';
import { IngestEnv, loadConfig } from '@baton/config';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, type EngagementEventV1, type LeadProfileUpdatedV1 } from '@baton/contracts';
import { EventProducer, ProduceTimeoutError } from '@baton/kafka';
import { configureServiceApp, createServiceApp } from '@baton/service-runtime';
import { TopicReader, uniqueId } from '@baton/testing';
import { IngestModule } from '../ingest.module';

describe('ingest service against the real Kafka and Redis', () => {
  let app: NestExpressApplication;
  let config: IngestEnv;
  let stored: TopicReader;
  let profiles: TopicReader;
  let redis: Redis;
  let key: string;
  const event = (leadId: string, type = 'page_view'): EngagementEventV1 => ({ eventId: uniqueId('evt'), leadId, type, occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } });
  const post = (body: unknown) =>
    request(app.getHttpServer())
      .post('/v1/events')
      .set('authorization', `Bearer ${key}`)
      .send(body as object);
  const put = (leadId: string, body: unknown) =>
    request(app.getHttpServer())
      .put(`/v1/leads/${leadId}/profile`)
      .set('authorization', `Bearer ${key}`)
      .send(body as object);

  beforeAll(async () => {
    config = loadConfig(IngestEnv, { ...process.env, API_MAX_BODY_BYTES: '4096', INGEST_MAX_BATCH_SIZE: '5' }, 'ingest');
    app = await createServiceApp(IngestModule.forRoot(config), { logLevel: 'error', maxBodyBytes: config.API_MAX_BODY_BYTES });
    await app.init();
    redis = new Redis(config.REDIS_URL);
    key = (await new ApiKeyStore(redis).create({ source: 'ingest-spec', scopes: ['events:write', 'profiles:write'] })).key;
    stored = await TopicReader.start(config.KAFKA_BROKERS, ENGAGEMENT_EVENTS_TOPIC);
    profiles = await TopicReader.start(config.KAFKA_BROKERS, LEAD_PROFILES_TOPIC);
  });

  afterAll(async () => {
    await profiles?.stop();
    await stored?.stop();
    redis?.disconnect();
    await app?.close();
  });

  it('should answer 202 and store a batch on the lead-keyed topic in order', async () => {
    const leadId = uniqueId('lead');
    const events = [event(leadId), event(leadId, 'content_download'), event(leadId, 'demo_requested')];
    const response = await post({ events }).expect(202);
    expect(response.body).toEqual({ stored: 3, rejected: 0, results: events.map((e, index) => ({ index, status: 'stored', eventId: e.eventId })) });
    const onTopic = await stored.waitForKey<EngagementEventV1>(leadId, 3);
    expect(onTopic).toEqual(events);
    const partitions = new Set(stored.messages.filter((m) => m.key === leadId).map((m) => m.partition));
    expect(partitions.size).toBe(1);
  });

  it('should store the valid events of a batch, answer 207 and say why each other one was refused', async () => {
    const leadId = uniqueId('lead');
    const [first, third] = [event(leadId), event(leadId, 'demo_requested')];
    const response = await post({ events: [first, { ...event(leadId), occurredAt: '2026-13-45', eventId: 7 }, third] }).expect(207);
    expect(response.body).toEqual({
      stored: 2,
      rejected: 1,
      results: [
        { index: 0, status: 'stored', eventId: first.eventId },
        {
          index: 1,
          status: 'rejected',
          errors: [
            { path: 'events[1].eventId', message: 'must be a string' },
            { path: 'events[1].occurredAt', message: 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z' },
          ],
        },
        { index: 2, status: 'stored', eventId: third.eventId },
      ],
    });
    expect(await stored.waitForKey(leadId, 2)).toEqual([first, third]);
  });

  it('should answer 400 problem+json naming every bad field when no event is valid, and store nothing', async () => {
    const leadId = uniqueId('lead');
    const response = await post({
      events: [
        { ...event(leadId), type: 'Page View' },
        { ...event(leadId), surprise: true },
      ],
    }).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID', detail: 'no event of the batch is valid: nothing was stored', instance: '/v1/events' });
    expect(response.body.errors.map((e: { path: string }) => e.path)).toEqual(['events[0].type', 'events[1].surprise']);
    const marker = event(leadId);
    await post(marker).expect(202);
    await stored.waitForKey(leadId, 1);
    expect(stored.valuesFor(leadId)).toEqual([marker]);
  });

  it('should refuse dates that do not exist or lie beyond the allowed clock skew', async () => {
    const leadId = uniqueId('lead');
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    const inAMinute = new Date(Date.now() + 60_000).toISOString();
    const response = await post({
      events: [
        { ...event(leadId), occurredAt: '2026-02-30T10:00:00Z' },
        { ...event(leadId), occurredAt: inAnHour },
        { ...event(leadId), occurredAt: '2026-11-24T10:00:00' },
        { ...event(leadId), occurredAt: inAMinute },
      ],
    }).expect(207);
    expect(response.body.results.map((r: { status: string; errors?: { message: string }[] }) => r.errors?.[0]?.message ?? r.status)).toEqual([
      'must be a date and time that exists',
      expect.stringMatching(/^must not be later than .* \(now plus 300 s of clock skew\)$/),
      'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z',
      'stored',
    ]);
    const profile = await put(leadId, { updatedAt: inAnHour, traits: { jobTitle: 'CTO' } }).expect(400);
    expect(profile.body.errors).toEqual([{ path: 'updatedAt', message: expect.stringMatching(/^must not be later than/) }]);
  });

  it('should answer problems for a body that is not JSON, one that is too large, and a batch above the configured size', async () => {
    const malformed = await post('{"eventId":').set('content-type', 'application/json').expect(400);
    expect(malformed.body).toMatchObject({ code: 'REQUEST.INVALID_JSON', detail: 'the request body is not valid JSON' });
    const large = await post({ ...event('lead-x'), properties: { blob: 'x'.repeat(5000) } }).expect(413);
    expect(large.body).toMatchObject({ status: 413, title: 'Payload Too Large', code: 'REQUEST.BODY_TOO_LARGE' });
    const tooMany = await post({ events: Array.from({ length: 6 }, () => event(uniqueId('lead'))) }).expect(400);
    expect(tooMany.body.errors).toEqual([{ path: 'events', message: 'must hold at most 5 events (got 6)' }]);
  });

  it('should refuse requests without a key, and a key without the scope of the endpoint', async () => {
    await request(app.getHttpServer()).post('/v1/events').send(event('lead-x')).expect(401);
    const profilesOnly = (await new ApiKeyStore(redis).create({ source: 'ingest-spec', scopes: ['profiles:write'] })).key;
    const refused = await request(app.getHttpServer()).post('/v1/events').set('authorization', `Bearer ${profilesOnly}`).send(event('lead-x')).expect(403);
    expect(refused.body).toMatchObject({ code: 'AUTH.INSUFFICIENT_SCOPE', requiredScope: 'events:write' });
    await request(app.getHttpServer())
      .put('/v1/leads/lead-x/profile')
      .set('authorization', `Bearer ${profilesOnly}`)
      .send({ traits: { jobTitle: 'CTO' } })
      .expect(202);
  });

  describe('PUT /v1/leads/:leadId/profile', () => {
    it('should answer 202 and store the update on the profiles topic keyed by the lead, nulls kept, in order', async () => {
      const leadId = uniqueId('lead');
      const first = {
        updateId: uniqueId('upd'),
        updatedAt: '2026-11-24T10:00:00Z',
        traits: { email: 'ada@example.com', company: { name: 'Analytical Engines', employees: 250 }, bant: { budget: true } },
      };
      const response = await put(leadId, first).expect(202);
      expect(response.body).toEqual({ leadId, updateId: first.updateId });
      const second = await put(leadId, { traits: { email: null, technologies: ['kafka'] } })
        .set('Idempotency-Key', 'retry-1')
        .expect(202);
      expect(second.body).toEqual({ leadId, updateId: 'retry-1' });
      const onTopic = await profiles.waitForKey<LeadProfileUpdatedV1>(leadId, 2);
      expect(onTopic[0]).toEqual({ ...first, leadId });
      expect(onTopic[1]).toEqual({ updateId: 'retry-1', leadId, updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/), traits: { email: null, technologies: ['kafka'] } });
      const partitions = new Set(profiles.messages.filter((m) => m.key === leadId).map((m) => m.partition));
      expect(partitions.size).toBe(1);
    });

    it('should answer 400 naming every bad field and store nothing', async () => {
      const leadId = uniqueId('lead');
      const response = await put(leadId, { traits: { jobTitle: 'CTO', company: { employees: 'many' }, phone: '+44' }, source: 'crm' }).expect(400);
      expect(response.body).toMatchObject({ status: 400, code: 'REQUEST.INVALID', detail: 'invalid profile update: nothing was stored' });
      expect(response.body.errors.map((v: { path: string }) => v.path).sort()).toEqual(['source', 'traits.company.employees', 'traits.phone']);
      const badLead = await put('has%20space', { traits: { jobTitle: 'CTO' } }).expect(400);
      expect(badLead.body.errors.map((v: { path: string }) => v.path)).toEqual(['leadId']);
      const empty = await put(leadId, { traits: {} }).expect(400);
      expect(empty.body.errors).toEqual([{ path: 'traits', message: 'must hold at least one trait' }]);
      // A valid update sent afterwards on the same lead arrives alone: nothing of the refused ones was stored.
      const marker = await put(leadId, { traits: { jobTitle: 'CTO' } }).expect(202);
      await profiles.waitForKey(leadId, 1);
      expect(profiles.valuesFor<LeadProfileUpdatedV1>(leadId).map((update) => update.updateId)).toEqual([marker.body.updateId]);
    });

    it('should answer 503 with Retry-After when Kafka does not acknowledge', async () => {
      const failing = await Test.createTestingModule({ imports: [IngestModule.forRoot(config)] })
        .overrideProvider(EventProducer)
        .useValue({ send: async (_topic: string, _messages: unknown, timeoutMs: number) => Promise.reject(new ProduceTimeoutError(timeoutMs)) })
        .compile();
      const unavailable = configureServiceApp(failing.createNestApplication<NestExpressApplication>({ logger: false, bodyParser: false }), { maxBodyBytes: 4096 });
      await unavailable.init();
      try {
        const response = await request(unavailable.getHttpServer())
          .put('/v1/leads/lead-1/profile')
          .set('authorization', `Bearer ${key}`)
          .send({ traits: { jobTitle: 'CTO' } })
          .expect(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.body).toMatchObject({ status: 503, code: 'INGEST.EVENT_LOG_UNAVAILABLE' });
      } finally {
        await unavailable.close();
      }
    });
  });
});
