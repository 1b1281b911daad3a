import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import request from 'supertest';
import { IngestEnv, loadConfig } from '@baton/config';
import { ENGAGEMENT_EVENTS_TOPIC, type EngagementEventV1 } from '@baton/contracts';
import { TopicReader, uniqueId } from '@baton/testing';
import { bodyErrorHandler } from '../http/body-error.handler';
import { IngestModule } from '../ingest.module';

describe('ingest service against the real Kafka', () => {
  let app: NestExpressApplication;
  let stored: TopicReader;
  const event = (leadId: string, type = 'page_view'): EngagementEventV1 => ({ eventId: uniqueId('evt'), leadId, type, occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } });

  beforeAll(async () => {
    const config = loadConfig(IngestEnv, { ...process.env, INGEST_MAX_BODY_BYTES: '4096', INGEST_MAX_BATCH_SIZE: '5' }, 'ingest');
    app = await NestFactory.create<NestExpressApplication>(IngestModule.forRoot(config), { logger: ['error'], bodyParser: false });
    app.useBodyParser('json', { limit: config.INGEST_MAX_BODY_BYTES });
    app.use(bodyErrorHandler);
    await app.init();
    stored = await TopicReader.start(process.env['KAFKA_BROKERS'] as string, ENGAGEMENT_EVENTS_TOPIC);
  });

  afterAll(async () => {
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
});
