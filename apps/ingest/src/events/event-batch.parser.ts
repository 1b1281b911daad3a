import { EngagementEventV1, parseContract, prefixViolations, type ContractViolation } from '@baton/contracts';

export type EventBatchParseResult =
  | { readonly ok: true; readonly events: readonly EngagementEventV1[] }
  | { readonly ok: false; readonly violations: readonly ContractViolation[] };

/**
 * A request body is one event, or `{ "events": [ ... ] }` with 1 to `maxBatchSize` events. The batch is
 * all or nothing: any invalid event refuses the whole request, naming every bad field of every event.
 * Unknown fields are refused by name, so a typo is reported instead of silently dropped.
 */
export function parseEventBatch(body: unknown, maxBatchSize: number): EventBatchParseResult {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && 'events' in body) {
    const { events, ...rest } = body as { events: unknown };
    const extra = Object.keys(rest).map((name) => ({ path: name, message: 'property should not exist' }));
    if (!Array.isArray(events)) return { ok: false, violations: [...extra, { path: 'events', message: 'must be an array of events' }] };
    if (events.length === 0) return { ok: false, violations: [...extra, { path: 'events', message: 'must hold at least one event' }] };
    if (events.length > maxBatchSize) return { ok: false, violations: [...extra, { path: 'events', message: `must hold at most ${maxBatchSize} events (got ${events.length})` }] };
    const parsed = events.map((event) => parseContract(EngagementEventV1, event, { rejectUnknownFields: true }));
    const violations = [...extra, ...parsed.flatMap((result, index) => (result.ok ? [] : prefixViolations(`events[${index}]`, result.violations)))];
    if (violations.length > 0) return { ok: false, violations };
    return { ok: true, events: parsed.flatMap((result) => (result.ok ? [result.value] : [])) };
  }
  const single = parseContract(EngagementEventV1, body, { rejectUnknownFields: true });
  return single.ok ? { ok: true, events: [single.value] } : { ok: false, violations: single.violations };
}
