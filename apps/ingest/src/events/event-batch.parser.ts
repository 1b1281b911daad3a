import { EngagementEventV1, parseContract, prefixViolations } from '@baton/contracts';
import { futureDateErrors, type DateLimits, type ProblemFieldError } from '@baton/service-runtime';

/** One item of a request, valid or with every reason it is not. */
export type ParsedItem<T> = { readonly index: number; readonly value: T } | { readonly index: number; readonly errors: readonly ProblemFieldError[] };

export type EventBatchParseResult =
  { readonly ok: true; readonly batch: boolean; readonly items: readonly ParsedItem<EngagementEventV1>[] } | { readonly ok: false; readonly errors: readonly ProblemFieldError[] };

export interface EventBatchLimits extends DateLimits {
  readonly maxBatchSize: number;
}

/**
 * A request body is one event, or `{ "events": [ ... ] }` with 1 to `maxBatchSize` events. Each event is judged
 * on its own, so a bad one never costs its neighbours; the request as a whole is refused only when its shape is
 * wrong. Unknown fields are refused by name, so a typo is reported instead of silently dropped.
 */
export function parseEventBatch(body: unknown, limits: EventBatchLimits): EventBatchParseResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !('events' in body)) {
    const single = parseEvent(body, limits);
    return { ok: true, batch: false, items: [{ index: 0, ...single }] };
  }
  const { events, ...rest } = body as { events: unknown };
  const errors = Object.keys(rest).map((name) => ({ path: name, message: 'property should not exist' }));
  if (!Array.isArray(events)) errors.push({ path: 'events', message: 'must be an array of events' });
  else if (events.length === 0) errors.push({ path: 'events', message: 'must hold at least one event' });
  else if (events.length > limits.maxBatchSize) errors.push({ path: 'events', message: `must hold at most ${limits.maxBatchSize} events (got ${events.length})` });
  if (errors.length > 0 || !Array.isArray(events)) return { ok: false, errors };
  const items = events.map((event: unknown, index) => {
    const parsed = parseEvent(event, limits);
    return 'errors' in parsed ? { index, errors: prefixViolations(`events[${index}]`, parsed.errors) } : { index, value: parsed.value };
  });
  return { ok: true, batch: true, items };
}

function parseEvent(raw: unknown, limits: DateLimits): { value: EngagementEventV1 } | { errors: readonly ProblemFieldError[] } {
  const parsed = parseContract(EngagementEventV1, raw, { rejectUnknownFields: true });
  if (!parsed.ok) return { errors: parsed.violations };
  const tooLate = futureDateErrors('occurredAt', parsed.value.occurredAt, limits);
  return tooLate.length > 0 ? { errors: tooLate } : { value: parsed.value };
}
