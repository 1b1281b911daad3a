import fc from 'fast-check';
import { EngagementEventV1, LeadProfileUpdatedV1, parseContract } from '@baton/contracts';
import { parseSegmentRequest } from '../segment-message.parser';
import { SegmentEventNameMap } from '../segment-event-name.map';
import type { SegmentParseOptions, SegmentRequestParseResult } from '../segment-message.types';

const options: SegmentParseOptions = { now: new Date('2026-11-24T10:00:00Z'), maxFutureSkewMs: 300_000, maxBatchSize: 500, eventNames: new SegmentEventNameMap() };

// Values a field may take: good ones, near misses and hostile ones, so that valid and invalid messages both occur.
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(null), fc.string({ maxLength: 300 }), fc.constant('__proto__'));
const goodId = fc.stringMatching(/^[A-Za-z0-9._:@+\-/=]{1,40}$/);
const id = fc.oneof({ arbitrary: goodId, weight: 12 }, fc.constant(''), fc.constant('anon:x'), fc.constant('a b'), fc.string({ maxLength: 5 }), fc.constant(7));
const time = fc.oneof(
  { arbitrary: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2026-11-24T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()), weight: 8 },
  fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2027-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString()),
  fc.constantFrom('2026-02-30T00:00:00Z', '2026-11-24T10:00:00', '2015-2-02T00:30:08.276Z', '2026-11-24T10:00:00+25:00'),
  anyValue,
);
const traits = fc.dictionary(
  fc.constantFrom(
    'email',
    'name',
    'firstName',
    'last_name',
    'title',
    'company',
    'website',
    'seniority',
    'role',
    'technologies',
    'bant',
    'employees',
    'industry',
    'address',
    'plan',
    '__proto__',
    'constructor',
  ),
  fc.oneof(
    anyValue,
    fc.constantFrom('ada@example.com', 'https://www.initech.com', 'Initech', 'c_level'),
    fc.record({ name: anyValue, employee_count: anyValue, country: anyValue }, { requiredKeys: [] }),
    fc.record({ budget: fc.boolean() }),
  ),
  { maxKeys: 6 },
);
const message = fc.record(
  {
    type: fc.oneof({ arbitrary: fc.constantFrom('track', 'identify', 'page', 'screen', 'group', 'alias'), weight: 8 }, anyValue),
    messageId: id,
    userId: id,
    anonymousId: id,
    previousId: id,
    timestamp: time,
    originalTimestamp: time,
    event: fc.oneof({ arbitrary: fc.constantFrom('Demo Requested', 'Email Link Clicked'), weight: 6 }, fc.constantFrom('Demo Requested', 'Email Link Clicked', '2FA', '!!!'), anyValue),
    name: anyValue,
    properties: fc.oneof(fc.dictionary(fc.string({ maxLength: 10 }), anyValue, { maxKeys: 5 }), anyValue),
    traits: fc.oneof(traits, anyValue),
    context: fc.oneof(fc.record({ page: fc.record({ url: anyValue, search: fc.oneof(fc.constant('?q=buy+crm'), anyValue), referrer: anyValue }, { requiredKeys: [] }) }), anyValue),
  },
  { requiredKeys: [] },
);
// Mostly-good messages: the common fields right, the rest from the hostile pools above.
const plausible = fc
  .tuple(message, fc.constantFrom('track', 'identify', 'page', 'screen', 'group', 'alias'), goodId, goodId)
  .map(([fields, type, messageId, userId]) => ({ ...fields, type, messageId, userId, timestamp: '2026-11-24T09:00:00Z' }));

function emitted(result: SegmentRequestParseResult): { events: unknown[]; updates: unknown[] } {
  const events: unknown[] = [];
  const updates: unknown[] = [];
  if (!result.ok) return { events, updates };
  for (const parsed of result.messages) {
    if (!parsed.ok) continue;
    events.push(...parsed.work.events);
    if (parsed.work.profileUpdate !== undefined) updates.push(parsed.work.profileUpdate);
  }
  return { events, updates };
}

describe('parseSegmentRequest (properties)', () => {
  it('should never throw, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue({ maxDepth: 6 }), fc.record({ batch: fc.array(fc.jsonValue({ maxDepth: 4 }), { maxLength: 20 }) }), message), (body) => {
        parseSegmentRequest(body, options);
      }),
      { numRuns: 2000 },
    );
  });

  it('should never throw on a body with __proto__ keys, as JSON.parse makes them', () => {
    const body = JSON.parse('{"type":"identify","messageId":"m","userId":"u","traits":{"__proto__":{"email":"x"},"company":{"__proto__":{"name":"y"}}},"properties":{"__proto__":1}}') as unknown;
    expect(() => parseSegmentRequest(body, options)).not.toThrow();
    expect(() => parseSegmentRequest({ batch: [body, body] }, options)).not.toThrow();
  });

  it('should emit only events and profile updates that satisfy the Baton contracts, as they travel (JSON)', () => {
    let valid = 0;
    fc.assert(
      fc.property(fc.array(fc.oneof(message, plausible), { minLength: 1, maxLength: 5 }), (batch) => {
        const { events, updates } = emitted(parseSegmentRequest({ batch }, options));
        for (const event of events) expect(parseContract(EngagementEventV1, JSON.parse(JSON.stringify(event)), { rejectUnknownFields: true })).toMatchObject({ ok: true });
        for (const update of updates) expect(parseContract(LeadProfileUpdatedV1, JSON.parse(JSON.stringify(update)), { rejectUnknownFields: true })).toMatchObject({ ok: true });
        valid += events.length + updates.length;
      }),
      { numRuns: 1500 },
    );
    // The generator must reach the valid side too, or the property above says nothing.
    expect(valid).toBeGreaterThan(500);
  });
});
