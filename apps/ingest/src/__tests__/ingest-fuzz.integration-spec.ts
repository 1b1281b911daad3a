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
 * strings and names, deep nesting, prototype keys at any depth, dates that do not exist, lie in the future or are
 * no dates, bytes that are not UTF-8 (sent as raw bytes). Whatever comes in: never a 5xx, every refusal a problem
 * naming its status and code, and only valid payloads reach the topics, each one the response said was stored;
 * the process keeps serving.
 */
describe('ingest under generated hostile input', () => {
  const run = uniqueId('fuzz');
  const MAX_BODY_BYTES = 256 * 1024;
  let app: NestExpressApplication;
  let baseUrl: string;
  let key: string;
  let events: TopicReader;
  let profiles: TopicReader;
  const storedEventIds = new Set<string>();
  const storedUpdateIds = new Set<string>();

  beforeAll(async () => {
    const config = loadConfig(
      IngestEnv,
      { ...process.env, API_MAX_BODY_BYTES: String(MAX_BODY_BYTES), INGEST_MAX_BATCH_SIZE: '20', API_RATE_LIMIT_PER_SECOND: '100000', API_RATE_LIMIT_BURST: '100000' },
      'ingest',
    );
    app = await createServiceApp(IngestModule.forRoot(config), { logLevel: 'error', maxBodyBytes: config.API_MAX_BODY_BYTES, server: config });
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
    // Two bytes a character in UTF-8: a length limit counted in characters would let twice the bytes through.
    fc.integer({ min: 1_000, max: 150_000 }).map((length) => 'é'.repeat(length)),
    fc.integer({ min: 1_000, max: 100_000 }).map((length) => ({ ['k'.repeat(length)]: 'huge property name' })),
    fc.integer({ min: 10, max: 20_000 }).map((pairs) => `${DEEP}${pairs}`),
    fc.constantFrom(null, true, 0, -1, 1e308, '', ' ', '\u0000', '\uFFFD', 'ø'.repeat(50)),
  );
  const hostileDate = fc.oneof(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
    fc.constantFrom(
      '2026-02-30T10:00:00Z',
      '2026-02-29T10:00:00Z', // 2026 is no leap year
      '2026-11-24T25:00:00Z',
      '2026-11-24T10:00:60Z',
      '2026-11-24T10:00:00',
      '2026-11-24',
      'yesterday',
      '9999-12-31T23:59:59Z',
      '+275760-09-13T00:00:00.000Z',
      '0000-01-01T00:00:00Z',
      '2026-11-24T10:00:00+25:00',
      '2026-11-24T10:00:00.1234567890123Z',
      1_790_000_000_000,
    ),
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
    fc.record(
      {
        traits: fc.oneof(
          fc.record(
            { email: hostileValue, name: hostileValue, company: fc.oneof(fc.record({ employees: hostileValue, name: hostileValue }, { requiredKeys: [] }), hostileValue), bant: hostileValue },
            { requiredKeys: [] },
          ),
          hostileValue,
        ),
        updatedAt: hostileDate,
        updateId: fc.oneof(fc.uuid(), hostileValue),
      },
      { requiredKeys: [] },
    ),
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
  const segmentBody = fc.oneof(
    segmentMessage,
    fc.record({ batch: fc.oneof(fc.array(segmentMessage, { maxLength: 25 }), hostileValue), context: hostileValue }, { requiredKeys: [] }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const withDeepNesting = (text: string): string => text.replace(new RegExp(`"${DEEP}(\\d+)"`, 'g'), (_, pairs: string) => nested(Number(pairs)));
  const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;
  /**
   * The JSON text with `"<key>":{"polluted":true}` first in every object from `fromDepth` down (0: the body itself).
   * Written out as text: set on a generated object, `__proto__` would change its prototype instead of becoming a key.
   */
  const withKeyInObjects = (value: unknown, key: string, fromDepth: number, depth = 0): string => {
    if (Array.isArray(value)) return `[${value.map((item: unknown) => withKeyInObjects(item ?? null, key, fromDepth, depth + 1)).join(',')}]`;
    if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([name, member]) => `${JSON.stringify(name)}:${withKeyInObjects(member, key, fromDepth, depth + 1)}`);
    return `{${[...(depth >= fromDepth ? [`${JSON.stringify(key)}:{"polluted":true}`] : []), ...members].join(',')}}`;
  };
  /**
   * Byte sequences that are not UTF-8: a bad continuation, bytes UTF-8 never uses, an overlong "/", an encoded
   * surrogate, a code point above U+10FFFF, a lone continuation byte, a sequence cut short.
   */
  const NOT_UTF8 = [[0xc3, 0x28], [0xff, 0xfe], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82]].map((bytes) => Buffer.from(bytes));
  type Damage = 'plain' | 'proto' | 'constructor' | 'proto-everywhere' | 'proto-nested' | 'not-utf8' | 'truncated';
  interface Wire {
    readonly damage: Damage;
    readonly bytes: Buffer;
  }
  /** The body as sent: plain, with prototype keys spliced in, with bytes that are not UTF-8, or cut short. */
  const wire = (body: unknown): fc.Arbitrary<Wire> => {
    const text = withDeepNesting(JSON.stringify(body) ?? 'null');
    const object = text.startsWith('{') && text !== '{}';
    return fc.oneof(
      fc.constantFrom('plain', 'proto', 'constructor', 'truncated' as const).map((damage): Wire => {
        switch (damage) {
          case 'plain':
            return { damage, bytes: Buffer.from(text, 'utf8') };
          case 'proto':
            return { damage, bytes: Buffer.from(object ? `{"__proto__":{"eventId":"injected"},${text.slice(1)}` : text, 'utf8') };
          case 'constructor':
            return { damage, bytes: Buffer.from(object ? `{"properties":{"constructor":{"prototype":{"polluted":true}}},${text.slice(1)}` : text, 'utf8') };
          case 'truncated':
            return { damage, bytes: Buffer.from(text.slice(0, Math.max(1, text.length - 1)), 'utf8') };
        }
      }),
      fc.record({ key: fc.constantFrom(...PROTOTYPE_KEYS), everywhere: fc.boolean() }).map(({ key, everywhere }): Wire => ({
        damage: everywhere ? 'proto-everywhere' : 'proto-nested',
        bytes: Buffer.from(withDeepNesting(withKeyInObjects(body, key, everywhere ? 0 : 1)), 'utf8'),
      })),
      // Raw bytes spliced into the encoded text: a JS string cannot hold them, fetch would send U+FFFD instead.
      fc.record({ bad: fc.constantFrom(...NOT_UTF8), at: fc.double({ min: 0, max: 1, noNaN: true }) }).map(({ bad, at }): Wire => {
        const encoded = Buffer.from(text, 'utf8');
        const cut = Math.floor(at * encoded.length);
        return { damage: 'not-utf8', bytes: Buffer.concat([encoded.subarray(0, cut), bad, encoded.subarray(cut)]) };
      }),
    );
  };
  interface Answer {
    readonly status: number;
    readonly contentType: string;
    readonly body: unknown;
  }
  const send = async (method: string, path: string, bytes: Buffer): Promise<Answer> => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: bytes });
    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
  };
  /** What holds for every answer, whatever was sent: no 5xx, and a refusal is a problem that says which and why. */
  const expectHandled = ({ status, contentType, body }: Answer, { damage, bytes }: Wire): void => {
    expect(status).toBeLessThan(500);
    if (status >= 400) {
      expect(contentType).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({ status, code: expect.stringMatching(/^[A-Z]+\.[A-Z0-9_]+$/) });
    }
    // Checked on the raw bytes before they are parsed: nothing not UTF-8 gets further, whatever else is wrong.
    if (damage === 'not-utf8') {
      const { code } = body as { code?: string };
      expect(bytes.length > MAX_BODY_BYTES ? [413, 'REQUEST.BODY_TOO_LARGE'] : [400, 'REQUEST.INVALID_UTF8']).toEqual([status, code]);
    }
  };

  it('never answers POST /v1/events with a 5xx, and names what it stored', async () => {
    await fc.assert(
      fc.asyncProperty(
        eventBody.chain((body) => wire(body)),
        async (sent) => {
          const answer = await send('POST', '/v1/events', sent.bytes);
          expectHandled(answer, sent);
          const { status, body } = answer;
          // A prototype key in the body itself and in every event: nothing may be stored.
          if (sent.damage === 'proto-everywhere') expect([202, 207]).not.toContain(status);
          if (status === 202 || status === 207) {
            for (const result of (body as { results: { status: string; eventId?: string }[] }).results) if (result.status === 'stored') storedEventIds.add(result.eventId as string);
          }
        },
      ),
      { numRuns: 250 },
    );
  });

  it('never answers PUT /v1/leads/:leadId/profile with a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom(`${run}-a`, `${run}-b`), fc.string({ minLength: 1 })),
        profileBody.chain((body) => wire(body)),
        async (lead, sent) => {
          const answer = await send('PUT', `/v1/leads/${encodeURIComponent(lead)}/profile`, sent.bytes);
          expectHandled(answer, sent);
          const { status, body } = answer;
          if (sent.damage === 'proto-everywhere') expect(status).not.toBe(202);
          if (status === 202) storedUpdateIds.add((body as { updateId: string }).updateId);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers POST /v1/segment with a 5xx', async () => {
    await fc.assert(
      // Segment calls may carry fields Baton ignores, a prototype key among them: the final check sees what was stored.
      fc.asyncProperty(
        segmentBody.chain((body) => wire(body)),
        async (sent) => {
          const answer = await send('POST', '/v1/segment', sent.bytes);
          expectHandled(answer, sent);
          const { status, body } = answer;
          if (status === 202 || status === 207) {
            for (const result of (body as { results: { status: string; messageId?: string; stored?: { events: number } }[] }).results) {
              if (result.status === 'stored' && (result.stored?.events ?? 0) > 0) storedEventIds.add(result.messageId as string);
            }
          }
        },
      ),
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
