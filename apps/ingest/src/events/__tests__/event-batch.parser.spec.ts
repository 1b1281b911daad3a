import { parseEventBatch } from '../event-batch.parser';

const event = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  eventId: 'evt-1',
  leadId: 'lead-1',
  type: 'page_view',
  occurredAt: '2026-11-24T10:00:00Z',
  ...overrides,
});

describe('parseEventBatch', () => {
  it('should accept a single event', () => {
    const result = parseEventBatch(event(), 500);
    expect(result.ok && result.events.map((e) => e.eventId)).toEqual(['evt-1']);
  });

  it('should accept a batch in order', () => {
    const result = parseEventBatch({ events: [event(), event({ eventId: 'evt-2' })] }, 500);
    expect(result.ok && result.events.map((e) => e.eventId)).toEqual(['evt-1', 'evt-2']);
  });

  it('should name every bad field of every event with its index when a batch is invalid', () => {
    const result = parseEventBatch({ events: [event(), event({ leadId: '', occurredAt: 'yesterday' }), event({ type: 'Page View', extra: 1 })] }, 500);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.violations.map((v) => v.path).sort()).toEqual(['events[1].leadId', 'events[1].occurredAt', 'events[2].extra', 'events[2].type']);
    }
  });

  it('should refuse an empty, a non-array and an oversized batch', () => {
    for (const [body, message] of [
      [{ events: [] }, /at least one/],
      [{ events: 'x' }, /array/],
      [{ events: [event(), event(), event()] }, /at most 2 events \(got 3\)/],
    ] as const) {
      const result = parseEventBatch(body, 2);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.violations[0]?.message).toMatch(message);
    }
  });

  it('should refuse unknown top-level fields beside a batch, and a body that is not an object', () => {
    const batch = parseEventBatch({ events: [event()], source: 'x' }, 500);
    expect(!batch.ok && batch.violations).toEqual([{ path: 'source', message: 'property should not exist' }]);
    const notObject = parseEventBatch([event()], 500);
    expect(!notObject.ok && notObject.violations[0]).toEqual({ path: '', message: 'must be a JSON object' });
  });
});
