import { TIMESTAMP_WITH_ZONE, type ContractViolation } from '@baton/contracts';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The event time of a message: `timestamp`, else `originalTimestamp`, else the time the request was received.
 * The first field present decides: a bad `timestamp` is refused rather than silently replaced by another time.
 * Kept as sent (not re-formatted), so that the event carries the source's own time and zone.
 */
export function eventTimeOf(
  message: Readonly<Record<string, unknown>>,
  now: Date,
  maxFutureSkewMs: number,
): { readonly ok: true; readonly time: string } | { readonly ok: false; readonly violation: ContractViolation } {
  for (const field of ['timestamp', 'originalTimestamp'] as const) {
    const value = message[field];
    if (value === undefined || value === null) continue;
    const problem = timestampProblem(value, now, maxFutureSkewMs);
    return problem === undefined ? { ok: true, time: value as string } : { ok: false, violation: { path: field, message: problem } };
  }
  return { ok: true, time: now.toISOString() };
}

function timestampProblem(value: unknown, now: Date, maxFutureSkewMs: number): string | undefined {
  if (typeof value !== 'string' || !TIMESTAMP_WITH_ZONE.test(value)) return 'must be an ISO-8601 date-time with a zone, e.g. 2026-01-31T09:30:00Z';
  if (!isRealDate(value)) return 'must be a real date and time (month 1-12, a day the month has, hours 0-23, minutes and seconds 0-59)';
  const skewSeconds = Math.round(maxFutureSkewMs / 1000);
  if (Date.parse(value) > now.getTime() + maxFutureSkewMs) return `must not be later than now (${now.toISOString()}) by more than ${skewSeconds} s`;
  return undefined;
}

// Date.parse rolls 2026-02-30 over to March 2nd instead of refusing it; the fields are checked one by one.
function isRealDate(value: string): boolean {
  const [year, month, day, hour, minute, second] = [0, 5, 8, 11, 14, 17].map((start) => Number(value.slice(start, start + (start === 0 ? 4 : 2))));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  const offset = /([+-])(\d{2}):(\d{2})$/.exec(value);
  const offsetOk = offset === null || (Number(offset[2]) <= 23 && Number(offset[3]) <= 59);
  return month >= 1 && month <= 12 && day >= 1 && day <= days && hour <= 23 && minute <= 59 && second <= 59 && offsetOk && !Number.isNaN(Date.parse(value));
}
