import fc from 'fast-check';
import { parseEventBatch, type EventBatchLimits } from '../event-batch.parser';

const event = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId: 'evt-1',
  leadId: 'lead-1',
  type: 'page_view',
  occurredAt: '2026-11-24T10:00:00Z',
  ...overrides,
});
const limits = (maxBatchSize = 500): EventBatchLimits => ({ maxBatchSize, now: new Date('2026-11-24T12:00:00Z'), maxFutureSkewMs: 300_000 });
const stored = (result: ReturnType<typeof parseEventBatch>): string[] => (result.ok ? result.items.flatMap((item) => ('value' in item ? [item.value.eventId] : [])) : []);
const refusedPaths = (result: ReturnType<typeof parseEventBatch>): string[] => (result.ok ? result.items.flatMap((item) => ('errors' in item ? item.errors.map((e) => e.path) : [])) : []);

describe('parseEventBatch', () => {
  it('should accept a single event', () => {
    const result = parseEventBatch(event(), limits());
    expect(result.ok && result.batch).toBe(false);
    expect(stored(result)).toEqual(['evt-1']);
  });

  it('should accept a batch in order', () => {
    expect(stored(parseEventBatch({ events: [event(), event({ eventId: 'evt-2' })] }, limits()))).toEqual(['evt-1', 'evt-2']);
  });

  it('should judge each event on its own, naming every bad field with its index', () => {
    const result = parseEventBatch(
      { events: [event(), event({ leadId: '', occurredAt: 'yesterday' }), event({ eventId: 'evt-3', type: 'Page View', extra: 1 }), event({ eventId: 'evt-4' })] },
      limits(),
    );
    expect(stored(result)).toEqual(['evt-1', 'evt-4']);
    expect(refusedPaths(result).sort()).toEqual(['events[1].leadId', 'events[1].occurredAt', 'events[2].extra', 'events[2].type']);
  });

  it('should refuse event times beyond the clock skew, and accept those within it', () => {
    const result = parseEventBatch({ events: [event({ occurredAt: '2026-11-24T12:04:59Z' }), event({ eventId: 'evt-2', occurredAt: '2026-11-24T12:05:01Z' })] }, limits());
    expect(stored(result)).toEqual(['evt-1']);
    expect(refusedPaths(result)).toEqual(['events[1].occurredAt']);
  });

  it('should refuse the request as a whole for an empty, a non-array and an oversized batch', () => {
    for (const [body, message] of [
      [{ events: [] }, /at least one/],
      [{ events: 'x' }, /array/],
      [{ events: [event(), event(), event()] }, /at most 2 events \(got 3\)/],
    ] as const) {
      const result = parseEventBatch(body, limits(2));
      expect(!result.ok && result.errors[0]?.message).toMatch(message);
    }
  });

  it('should refuse unknown top-level fields beside a batch, and a body that is not an object', () => {
    const batch = parseEventBatch({ events: [event()], source: 'x' }, limits());
    expect(!batch.ok && batch.errors).toEqual([{ path: 'source', message: 'property should not exist' }]);
    const notObject = parseEventBatch([event()], limits());
    expect(notObject.ok && notObject.items[0]).toEqual({ index: 0, errors: [{ path: '', message: 'must be a JSON object' }] });
  });

  it('should never throw, and give every item exactly one verdict', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), fc.record({ eventId: fc.string(), leadId: fc.string(), type: fc.string(), occurredAt: fc.string() })), { maxLength: 8 }), (events) => {
        const result = parseEventBatch({ events }, limits(10));
        if (events.length === 0) return expect(result.ok).toBe(false);
        expect(result.ok && result.items.map((item) => item.index)).toEqual(events.map((_, index) => index));
      }),
    );
  });
});
