import fc from 'fast-check';
import { EngagementEventV1, parseContract } from '../index';

const base = { eventId: 'e1', leadId: 'l1', type: 'page_view', occurredAt: '2026-11-24T10:00:00Z' };

describe('payloads unsafe to map onto a contract', () => {
  it('refuses prototype keys wherever they are, naming them', () => {
    const topLevel = JSON.parse(`{"eventId":"e1","leadId":"l1","type":"page_view","occurredAt":"2026-11-24T10:00:00Z","__proto__":{"x":1}}`);
    expect(parseContract(EngagementEventV1, topLevel)).toEqual({ ok: false, violations: [{ path: '__proto__', message: 'is not allowed as a property name' }] });
    const nested = JSON.parse(`{"eventId":"e1","leadId":"l1","type":"page_view","occurredAt":"2026-11-24T10:00:00Z","properties":{"a":[{"constructor":{"prototype":{"polluted":1}}}]}}`);
    expect(parseContract(EngagementEventV1, nested)).toEqual({ ok: false, violations: [{ path: 'properties.a[0].constructor', message: 'is not allowed as a property name' }] });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses nesting deeper than 32 levels without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const result = parseContract(EngagementEventV1, { ...base, properties: deep as object });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.violations[0]?.message).toBe('is nested deeper than 32 levels');
    expect(parseContract(EngagementEventV1, { ...base, properties: { a: { b: [{ c: 1 }] } } }).ok).toBe(true);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 40 }), fc.jsonValue(), (value, properties) => {
        expect(() => parseContract(EngagementEventV1, value, { rejectUnknownFields: true })).not.toThrow();
        expect(() => parseContract(EngagementEventV1, { ...base, properties }, { rejectUnknownFields: true })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
