/**
 * A lead's engagement is kept as counts: how many events fired each rule on each UTC day. Counts add up in
 * any order, so the state after a set of events does not depend on the order they arrived in, and a score
 * computed from it treats a late event exactly as one that came in time.
 */
export type ActivityCounts = ReadonlyMap<string, number>;

const DAY_MS = 86_400_000;

export interface ActivityEntry {
  readonly ruleId: string;
  /** Days since 1970-01-01 (UTC). */
  readonly day: number;
  readonly count: number;
}

/** `<ruleId>|<YYYY-MM-DD>`: the field of one rule's count on one day (rule ids never hold `|`). */
export function activityField(ruleId: string, day: number): string {
  return `${ruleId}|${isoDate(day)}`;
}

/** A UTC day as YYYY-MM-DD. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The counts as entries, of the rules in `only` when given (checked before the date is parsed, the costly part). */
export function activityEntries(activity: ActivityCounts, only?: ReadonlySet<string>): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  for (const [field, count] of activity) {
    const separator = field.lastIndexOf('|');
    const ruleId = field.slice(0, separator);
    if (separator <= 0 || !(count > 0) || (only !== undefined && !only.has(ruleId))) continue;
    const day = Date.parse(`${field.slice(separator + 1)}T00:00:00Z`);
    if (Number.isNaN(day)) continue;
    entries.push({ ruleId, day: Math.floor(day / DAY_MS), count });
  }
  return entries;
}

/** The UTC day of an ISO-8601 time with a zone, or of a date (YYYY-MM-DD, read as UTC). */
export function dayOf(timestamp: string): number {
  return Math.floor(Date.parse(timestamp) / DAY_MS);
}

export function withIncrements(activity: ActivityCounts, fields: readonly string[]): Map<string, number> {
  const next = new Map(activity);
  for (const field of fields) next.set(field, (next.get(field) ?? 0) + 1);
  return next;
}
