import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { IngestEnv, loadConfig } from '@baton/config';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC, type EngagementEventV1, type LeadProfileUpdatedV1 } from '@baton/contracts';
import { EventProducer, ProduceTimeoutError } from '@baton/kafka';
import { TopicReader, uniqueId } from '@baton/testing';
import { bodyErrorHandler } from '../http/body-error.handler';
import { IngestModule } from '../ingest.module';

describe('ingest service against the real Kafka', () => {
  let app: NestExpressApplication;
  let config: IngestEnv;
  let stored: TopicReader;
  let profiles: TopicReader;
  const event = (leadId: string, type = 'page_view'): EngagementEventV1 => ({ eventId: uniqueId('evt'), leadId, type, occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } });

  beforeAll(async () => {
    config = loadConfig(IngestEnv, { ...process.env, INGEST_MAX_BODY_BYTES: '4096', INGEST_MAX_BATCH_SIZE: '5' }, 'ingest');
    app = await NestFactory.create<NestExpressApplication>(IngestModule.forRoot(config), { logger: ['error'], bodyParser: false });
    app.useBodyParser('json', { limit: config.INGEST_MAX_BODY_BYTES });
    app.use(bodyErrorHandler);
    await app.init();
    stored = await TopicReader.start(process.env['KAFKA_BROKERS'] as string, ENGAGEMENT_EVENTS_TOPIC);
    profiles = await TopicReader.start(process.env['KAFKA_BROKERS'] as string, LEAD_PROFILES_TOPIC);
  });

  afterAll(async () => {
    await profiles?.stop();
    await stored?.stop();
    await app?.close();
  });

  it('should answer 202 and store a batch on the lead-keyed topic in order', async () => {
    const leadId = uniqueId('lead');
    const events = [event(leadId), event(leadId, 'content_download'), event(leadId, 'demo_requested')];
    const response = await request(app.getHttpServer()).post('/v1/events').send({ events }).expect(202);
    expect(response.body).toEqual({ accepted: 3, eventIds: events.map((e) => e.eventId) });
    const onTopic = await stored.waitForKey<EngagementEventV1>(leadId, 3);
    expect(onTopic).toEqual(events);
    const partitions = new Set(stored.messages.filter((m) => m.key === leadId).map((m) => m.partition));
    expect(partitions.size).toBe(1);
  });

  it('should answer 400 naming every bad field and store nothing when one event of a batch is invalid', async () => {
    const leadId = uniqueId('lead');
    const response = await request(app.getHttpServer())
      .post('/v1/events')
      .send({ events: [event(leadId), { ...event(leadId), occurredAt: '2026-13-45', eventId: 7 }] })
      .expect(400);
    expect(response.body.violations.map((v: { path: string }) => v.path).sort()).toEqual(['events[1].eventId', 'events[1].occurredAt']);
    // A valid event sent afterwards on the same lead arrives alone: nothing of the refused batch was stored.
    const marker = event(leadId);
    await request(app.getHttpServer()).post('/v1/events').send(marker).expect(202);
    await stored.waitForKey(leadId, 1);
    expect(stored.valuesFor(leadId)).toEqual([marker]);
  });

  it('should answer 400 in JSON for a body that is not JSON, and 413 for one that is too large', async () => {
    const malformed = await request(app.getHttpServer()).post('/v1/events').set('content-type', 'application/json').send('{"eventId":').expect(400);
    expect(malformed.body.message).toMatch(/not valid JSON/);
    const large = await request(app.getHttpServer()).post('/v1/events').send({ ...event('lead-x'), properties: { blob: 'x'.repeat(5000) } }).expect(413);
    expect(large.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large' });
  });

  it('should refuse a batch above the configured size', async () => {
    const leadId = uniqueId('lead');
    const response = await request(app.getHttpServer()).post('/v1/events').send({ events: Array.from({ length: 6 }, () => event(leadId)) }).expect(400);
    expect(response.body.violations[0].message).toMatch(/at most 5 events/);
  });

  describe('PUT /v1/leads/:leadId/profile', () => {
    it('should answer 202 and store the update on the profiles topic keyed by the lead, nulls kept, in order', async () => {
      const leadId = uniqueId('lead');
      const first = { updateId: uniqueId('upd'), updatedAt: '2026-11-24T10:00:00Z', traits: { email: 'ada@example.com', company: { name: 'Analytical Engines', employees: 250 }, bant: { budget: true } } };
      const response = await request(app.getHttpServer()).put(`/v1/leads/${leadId}/profile`).send(first).expect(202);
      expect(response.body).toEqual({ leadId, updateId: first.updateId });
      const second = await request(app.getHttpServer()).put(`/v1/leads/${leadId}/profile`).set('Idempotency-Key', 'retry-1').send({ traits: { email: null, technologies: ['kafka'] } }).expect(202);
      expect(second.body).toEqual({ leadId, updateId: 'retry-1' });
      const onTopic = await profiles.waitForKey<LeadProfileUpdatedV1>(leadId, 2);
      expect(onTopic[0]).toEqual({ ...first, leadId });
      expect(onTopic[1]).toEqual({ updateId: 'retry-1', leadId, updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/), traits: { email: null, technologies: ['kafka'] } });
      const partitions = new Set(profiles.messages.filter((m) => m.key === leadId).map((m) => m.partition));
      expect(partitions.size).toBe(1);
    });

    it('should answer 400 naming every bad field and store nothing', async () => {
      const leadId = uniqueId('lead');
      const response = await request(app.getHttpServer())
        .put(`/v1/leads/${leadId}/profile`)
        .send({ traits: { jobTitle: 'CTO', company: { employees: 'many' }, phone: '+44' }, source: 'crm' })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: 'invalid profile update: nothing was stored' });
      expect(response.body.violations.map((v: { path: string }) => v.path).sort()).toEqual(['source', 'traits.company.employees', 'traits.phone']);
      const badLead = await request(app.getHttpServer()).put('/v1/leads/has%20space/profile').send({ traits: { jobTitle: 'CTO' } }).expect(400);
      expect(badLead.body.violations.map((v: { path: string }) => v.path)).toEqual(['leadId']);
      const empty = await request(app.getHttpServer()).put(`/v1/leads/${leadId}/profile`).send({ traits: {} }).expect(400);
      expect(empty.body.violations).toEqual([{ path: 'traits', message: 'must hold at least one trait' }]);
      // A valid update sent afterwards on the same lead arrives alone: nothing of the refused ones was stored.
      const marker = await request(app.getHttpServer()).put(`/v1/leads/${leadId}/profile`).send({ traits: { jobTitle: 'CTO' } }).expect(202);
      await profiles.waitForKey(leadId, 1);
      expect(profiles.valuesFor<LeadProfileUpdatedV1>(leadId).map((update) => update.updateId)).toEqual([marker.body.updateId]);
    });

    it('should answer 503 with Retry-After when Kafka does not acknowledge', async () => {
      const failing = await Test.createTestingModule({ imports: [IngestModule.forRoot(config)] })
        .overrideProvider(EventProducer)
        .useValue({ send: async (_topic: string, _messages: unknown, timeoutMs: number) => Promise.reject(new ProduceTimeoutError(timeoutMs)) })
        .compile();
      const unavailable = failing.createNestApplication<NestExpressApplication>({ logger: false });
      await unavailable.init();
      try {
        const response = await request(unavailable.getHttpServer()).put('/v1/leads/lead-1/profile').send({ traits: { jobTitle: 'CTO' } }).expect(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.body).toMatchObject({ statusCode: 503, code: 'INGEST.EVENT_LOG_UNAVAILABLE' });
      } finally {
        await unavailable.close();
      }
    });
  });
});
