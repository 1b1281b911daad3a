import type { StageRules } from '@baton/scoring-domain';
import { DAY_MS, type LeadLifecycle } from './lead-lifecycle';

type HighIntent = LeadLifecycle['highIntent'];
type ActivitiesRule = NonNullable<StageRules['sql']['activities']>;

/**
 * Adds the high-intent rules an event fired and drops what fell out of the window before the latest activity,
 * so the list stays as small as the window. A replayed event adds nothing twice.
 */
export function rememberHighIntent(
  highIntent: HighIntent,
  fired: readonly { readonly ruleId: string }[],
  at: string,
  latestActivityAt: string,
  activities: ActivitiesRule | undefined,
  /** The latest activity the list was last trimmed to. */
  previousActivityAt?: string,
): HighIntent {
  if (activities === undefined) return [];
  if (!fired.some((rule) => activities.rules.includes(rule.ruleId)) && latestActivityAt === previousActivityAt) {
    // Nothing to add, and the window has not moved since the list was last trimmed: it is as it was.
    return highIntent;
  }
  const added = fired
    .filter((rule) => activities.rules.includes(rule.ruleId))
    .map((rule) => ({ ruleId: rule.ruleId, at }))
    .filter((entry, index, all) => all.findIndex((other) => other.ruleId === entry.ruleId) === index)
    .filter((entry) => !highIntent.some((kept) => kept.ruleId === entry.ruleId && kept.at === entry.at));
  const oldest = Date.parse(latestActivityAt) - activities.withinDays * DAY_MS;
  return [...highIntent, ...added].filter((entry) => timeOf(entry.at) >= oldest);
}

/** The different high-intent rules fired in the `withinDays` days up to `at` (event time), in first-seen order. */
export function distinctWithin(highIntent: HighIntent, at: string, withinDays: number): readonly string[] {
  const end = Date.parse(at);
  const start = end - withinDays * DAY_MS;
  const ruleIds: string[] = [];
  for (const entry of highIntent) {
    if (ruleIds.includes(entry.ruleId)) continue;
    const time = timeOf(entry.at);
    if (time >= start && time <= end) ruleIds.push(entry.ruleId);
  }
  return ruleIds;
}

const KNOWN_TIMES_MAX = 50_000;
const knownTimes = new Map<string, number>();

/**
 * Date.parse, remembered: a busy lead's list holds hundreds of entries, read again on each of its changes, and parsing
 * their times was most of the cost of deciding on a change.
 */
function timeOf(at: string): number {
  let time = knownTimes.get(at);
  if (time === undefined) {
    if (knownTimes.size >= KNOWN_TIMES_MAX) knownTimes.clear();
    time = Date.parse(at);
    knownTimes.set(at, time);
  }
  return time;
}
