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

/** A UTC day as YYYY-MM-DD. Formatted once per day and process: every score change dates its trail's days. */
export function isoDate(day: number): string {
  let date = isoDates.get(day);
  if (date === undefined) {
    date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoDates.size >= MEMO_MAX) isoDates.clear();
    isoDates.set(day, date);
  }
  return date;
}

const isoDates = new Map<number, string>();

/** The counts as entries, of the rules in `only` when given. */
export function activityEntries(activity: ActivityCounts, only?: ReadonlySet<string>): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  for (const [field, count] of activity) {
    const parsed = parsedField(field);
    if (parsed === undefined || !(count > 0) || (only !== undefined && !only.has(parsed.ruleId))) continue;
    entries.push({ ruleId: parsed.ruleId, day: parsed.day, count });
  }
  return entries;
}

/**
 * Fields are few (the rules times the days they fire on) and every score parses all of a lead's: parsing each once
 * per process took the date parsing off scoring's hottest path. Bounded, so that years of days cannot grow it.
 */
const MEMO_MAX = 200_000;
const parsedFields = new Map<string, { readonly ruleId: string; readonly day: number } | undefined>();

function parsedField(field: string): { readonly ruleId: string; readonly day: number } | undefined {
  if (parsedFields.has(field)) return parsedFields.get(field);
  const separator = field.lastIndexOf('|');
  const time = Date.parse(`${field.slice(separator + 1)}T00:00:00Z`);
  const parsed = separator <= 0 || Number.isNaN(time) ? undefined : { ruleId: field.slice(0, separator), day: Math.floor(time / DAY_MS) };
  if (parsedFields.size >= MEMO_MAX) parsedFields.clear();
  parsedFields.set(field, parsed);
  return parsed;
}

/** The UTC day of an ISO-8601 time with a zone, or of a date (YYYY-MM-DD, read as UTC). */
export function dayOf(timestamp: string): number {
  return Math.floor(Date.parse(timestamp) / DAY_MS);
}
