import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import fc from 'fast-check';
import { API_SCOPES } from '@baton/api-key';
import { IngestEnv, loadConfig } from '@baton/config';
import { ENGAGEMENT_EVENTS_TOPIC, EngagementEventV1, LEAD_PROFILES_TOPIC, LeadProfileUpdatedV1, parseContract } from '@baton/contracts';
import { createServiceApp } from '@baton/service-runtime';
import { createTestApiKey, TopicReader, uniqueId, waitFor } from '@baton/testing';
import { IngestModule } from '../ingest.module';

/**
 * Generated hostile bodies against the real service (Kafka, Redis, the HTTP stack as deployed): wrong types, huge
 * strings, deep nesting, prototype keys, dates that do not exist or lie in the future, bytes that are not UTF-8.
 * Whatever comes in: never a 5xx, the process keeps serving, and only valid payloads reach the topics, each one
 * the response said was stored.
 */
describe('ingest under generated hostile input', () => {
  const run = uniqueId('fuzz');
  let app: NestExpressApplication;
  let baseUrl: string;
  let key: string;
  let events: TopicReader;
  let profiles: TopicReader;
  const storedEventIds = new Set<string>();
  const storedUpdateIds = new Set<string>();

  beforeAll(async () => {
    const config = loadConfig(IngestEnv, { ...process.env, API_MAX_BODY_BYTES: String(256 * 1024), INGEST_MAX_BATCH_SIZE: '20', API_RATE_LIMIT_PER_SECOND: '100000', API_RATE_LIMIT_BURST: '100000' }, 'ingest');
    app = await createServiceApp(IngestModule.forRoot(config), { logLevel: 'error', maxBodyBytes: config.API_MAX_BODY_BYTES });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    key = (await createTestApiKey(config.REDIS_URL, API_SCOPES)).key;
    [events, profiles] = await Promise.all([TopicReader.start(config.KAFKA_BROKERS, ENGAGEMENT_EVENTS_TOPIC), TopicReader.start(config.KAFKA_BROKERS, LEAD_PROFILES_TOPIC)]);
  });

  afterAll(async () => {
    await Promise.all([events?.stop(), profiles?.stop()]);
    await app?.close();
  });

  // Deep nesting is spliced into the JSON text: building it as an object would overflow the test's own stack.
  const DEEP = '__deep__';
  const nested = (pairs: number): string => `${'{"level":['.repeat(pairs)}"bottom"${']}'.repeat(pairs)}`;
  const hostileValue = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.integer({ min: 1_000, max: 300_000 }).map((length) => 'x'.repeat(length)),
    fc.integer({ min: 10, max: 20_000 }).map((pairs) => `${DEEP}${pairs}`),
    fc.constantFrom(null, true, 0, -1, 1e308, '', ' ', '\u0000', '\uFFFD', 'ø'.repeat(50)),
  );
  const hostileDate = fc.oneof(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
    fc.constantFrom('2026-02-30T10:00:00Z', '2026-11-24T25:00:00Z', '2026-11-24T10:00:00', '2026-11-24', 'yesterday', '9999-12-31T23:59:59Z', '2026-11-24T10:00:00+25:00'),
    hostileValue,
  );
  const leadId = fc.oneof(fc.constantFrom(`${run}-a`, `${run}-b`, `${run}-c`), hostileValue);
  const validEvent = fc.record({
    eventId: fc.uuid(),
    leadId: fc.constantFrom(`${run}-a`, `${run}-b`),
    type: fc.constantFrom('page_view', 'content_download'),
    occurredAt: fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-11-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
    properties: fc.dictionary(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }),
  });
  const anyEvent = fc.record(
    {
      eventId: fc.oneof(fc.uuid(), hostileValue),
      leadId,
      type: fc.oneof(fc.constantFrom('page_view', 'demo_requested', 'Page View'), hostileValue),
      occurredAt: hostileDate,
      properties: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), hostileValue),
      extra: hostileValue,
    },
    { requiredKeys: [] },
  );
  const event = fc.oneof({ arbitrary: validEvent, weight: 1 }, { arbitrary: anyEvent, weight: 2 });
  const eventBody = fc.oneof(event, fc.record({ events: fc.oneof(fc.array(event, { maxLength: 25 }), hostileValue) }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 3 }));
  const profileBody = fc.oneof(
    fc.record({ traits: fc.oneof(fc.record({ email: hostileValue, name: hostileValue, company: fc.oneof(fc.record({ employees: hostileValue, name: hostileValue }, { requiredKeys: [] }), hostileValue), bant: hostileValue }, { requiredKeys: [] }), hostileValue), updatedAt: hostileDate, updateId: fc.oneof(fc.uuid(), hostileValue) }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const segmentMessage = fc.record(
    {
      type: fc.oneof(fc.constantFrom('track', 'page', 'identify', 'group', 'alias', 'screen'), hostileValue),
      messageId: fc.oneof(fc.uuid(), hostileValue),
      userId: fc.oneof(fc.constantFrom(`${run}-u1`, `${run}-u2`), hostileValue),
      anonymousId: fc.oneof(fc.constantFrom(`${run}-anon1`, `${run}-anon2`), hostileValue),
      previousId: fc.oneof(fc.constantFrom(`${run}-anon1`, `${run}-old`), hostileValue),
      event: fc.oneof(fc.constantFrom('Demo Requested', 'Email Opened', '!!!'), hostileValue),
      timestamp: hostileDate,
      properties: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), hostileValue),
      traits: fc.oneof(fc.record({ email: hostileValue, name: hostileValue, company: hostileValue, employees: hostileValue, website: hostileValue }, { requiredKeys: [] }), hostileValue),
      context: fc.oneof(fc.record({ page: fc.record({ url: hostileValue, referrer: hostileValue, search: hostileValue }, { requiredKeys: [] }) }), hostileValue),
    },
    { requiredKeys: [] },
  );
  const segmentBody = fc.oneof(segmentMessage, fc.record({ batch: fc.oneof(fc.array(segmentMessage, { maxLength: 25 }), hostileValue), context: hostileValue }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 3 }));
  /** The JSON text, sometimes with a prototype key spliced in, sometimes with bytes that are not UTF-8. */
  const wire = (body: unknown) =>
    fc.constantFrom('plain', 'proto', 'constructor', 'not-utf8', 'truncated').map((damage): Buffer => {
      const text = (JSON.stringify(body) ?? 'null').replace(new RegExp(`"${DEEP}(\\d+)"`, 'g'), (_, pairs: string) => nested(Number(pairs)));
      const object = text.startsWith('{') && text !== '{}';
      switch (damage) {
        case 'plain':
          return Buffer.from(text, 'utf8');
        case 'proto':
          return Buffer.from(object ? `{"__proto__":{"eventId":"injected"},${text.slice(1)}` : text, 'utf8');
        case 'constructor':
          return Buffer.from(object ? `{"properties":{"constructor":{"prototype":{"polluted":true}}},${text.slice(1)}` : text, 'utf8');
        case 'not-utf8':
          return Buffer.concat([Buffer.from(text.slice(0, Math.floor(text.length / 2)), 'utf8'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(Math.floor(text.length / 2)), 'utf8')]);
        case 'truncated':
          return Buffer.from(text.slice(0, Math.max(1, text.length - 1)), 'utf8');
      }
    });
  const send = async (method: string, path: string, bytes: Buffer): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: bytes });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, body };
  };

  it('never answers POST /v1/events with a 5xx, and names what it stored', async () => {
    await fc.assert(
      fc.asyncProperty(eventBody.chain((body) => wire(body)), async (bytes) => {
        const { status, body } = await send('POST', '/v1/events', bytes);
        expect(status).toBeLessThan(500);
        if (status === 202 || status === 207) {
          for (const result of (body as { results: { status: string; eventId?: string }[] }).results) if (result.status === 'stored') storedEventIds.add(result.eventId as string);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('never answers PUT /v1/leads/:leadId/profile with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom(`${run}-a`, `${run}-b`), fc.string({ minLength: 1 })), profileBody.chain((body) => wire(body)), async (lead, bytes) => {
        const { status, body } = await send('PUT', `/v1/leads/${encodeURIComponent(lead)}/profile`, bytes);
        expect(status).toBeLessThan(500);
        if (status === 202) storedUpdateIds.add((body as { updateId: string }).updateId);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers POST /v1/segment with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(segmentBody.chain((body) => wire(body)), async (bytes) => {
        const { status, body } = await send('POST', '/v1/segment', bytes);
        expect(status).toBeLessThan(500);
        if (status === 202 || status === 207) {
          for (const result of (body as { results: { status: string; messageId?: string; stored?: { events: number } }[] }).results) {
            if (result.status === 'stored' && (result.stored?.events ?? 0) > 0) storedEventIds.add(result.messageId as string);
          }
        }
      }),
      { numRuns: 250 },
    );
  });

  it('stored only valid payloads, exactly those it answered as stored, and still serves', async () => {
    expect(storedEventIds.size).toBeGreaterThan(0);
    // The topics are shared with other suites, some of which write poison on purpose: only this run's are judged.
    const ofRun = (message: { key: string; value: string }, ids: Set<string>, idField: string): boolean => {
      if (message.key.startsWith(run)) return true;
      try {
        return ids.has((JSON.parse(message.value) as Record<string, string>)[idField] as string);
      } catch {
        return false;
      }
    };
    const runEvents = await waitFor('every stored event on the topic', () => {
      const found = events.messages.filter((message) => ofRun(message, storedEventIds, 'eventId'));
      return found.length >= storedEventIds.size ? found : undefined;
    });
    // A set: a visitor's events stored anonymously are stored again under its lead once it is identified.
    expect([...new Set(runEvents.map((message) => (JSON.parse(message.value) as { eventId: string }).eventId))].sort()).toEqual([...storedEventIds].sort());
    for (const message of runEvents) expect(parseContract(EngagementEventV1, JSON.parse(message.value), { rejectUnknownFields: true })).toMatchObject({ ok: true });
    const runProfiles = await waitFor('every stored profile update on the topic', () => {
      const found = profiles.messages.filter((message) => ofRun(message, storedUpdateIds, 'updateId'));
      return found.length >= storedUpdateIds.size ? found : undefined;
    });
    expect(runProfiles).toHaveLength(storedUpdateIds.size);
    for (const message of runProfiles) expect(parseContract(LeadProfileUpdatedV1, JSON.parse(message.value), { rejectUnknownFields: true })).toMatchObject({ ok: true });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect((await fetch(`${baseUrl}/health/live`)).status).toBe(200);
  });
});
