import type { CapPeriod, DecayPolicy, ScoringModel } from '../model/scoring-model';
import { activityEntries, type ActivityCounts, type ActivityEntry } from './activity';
import { pricedRules, type PricedRule } from './fire-rules';

export interface RulePoints {
  readonly ruleId: string;
  readonly points: number;
}

export interface EngagementScore {
  /** After caps, decay and the floor at zero, rounded: what the lead's behaviour is worth on `asOfDay`. */
  readonly engagement: number;
  /** Points earned per rule after caps, before decay, largest first (within the window, for window decay). */
  readonly rules: readonly RulePoints[];
}

/**
 * Engagement on a day from the activity counts. Caps are applied per rule and calendar period, earliest day
 * first; then the days are walked in order, each adding its points (never below zero: a bounce leaves no debt)
 * after the decay of the idle days before it. Everything depends on the counts only, not on arrival order.
 */
export function engagementScore(model: ScoringModel, activity: ActivityCounts, asOfDay: number): EngagementScore {
  const decay = model.engagement.decay;
  const earliest = decay.mode === 'window' ? asOfDay - decay.days + 1 : Number.NEGATIVE_INFINITY;
  const byDay = new Map<number, number>();
  const byRule = new Map<string, number>();
  for (const { ruleId, day, points } of cappedPoints(model, activity)) {
    if (day < earliest || day > asOfDay) continue;
    byDay.set(day, (byDay.get(day) ?? 0) + points);
    byRule.set(ruleId, (byRule.get(ruleId) ?? 0) + points);
  }
  let engagement = 0;
  let previous: number | undefined;
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    if (previous !== undefined) engagement = decayed(engagement, day - previous, decay);
    engagement = Math.max(0, engagement + (byDay.get(day) ?? 0));
    previous = day;
  }
  if (previous !== undefined) engagement = decayed(engagement, asOfDay - previous, decay);
  const rules = [...byRule]
    .filter(([, points]) => points !== 0)
    .map(([ruleId, points]) => ({ ruleId, points }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleId.localeCompare(b.ruleId));
  return { engagement: Math.round(engagement), rules };
}

/** Points each rule (of `only`, when given) earned over all the activity after its caps: what adding one occurrence changes. */
export function ruleTotals(model: ScoringModel, activity: ActivityCounts, only?: ReadonlySet<string>): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { ruleId, points } of cappedPoints(model, activity, only)) totals.set(ruleId, (totals.get(ruleId) ?? 0) + points);
  return totals;
}

interface DayPoints {
  readonly ruleId: string;
  readonly day: number;
  readonly points: number;
}

function cappedPoints(model: ScoringModel, activity: ActivityCounts, only?: ReadonlySet<string>): DayPoints[] {
  const prices = pricedRules(model);
  const byRule = new Map<string, ActivityEntry[]>();
  for (const entry of activityEntries(activity, only)) {
    if (!prices.has(entry.ruleId)) continue;
    const entries = byRule.get(entry.ruleId) ?? [];
    entries.push(entry);
    byRule.set(entry.ruleId, entries);
  }
  const result: DayPoints[] = [];
  for (const [ruleId, entries] of byRule) {
    const rule = prices.get(ruleId) as PricedRule;
    const used = new Map<string, { points: number; occurrences: number }>();
    for (const { day, count } of entries.sort((a, b) => a.day - b.day)) {
      if (rule.cap === undefined) {
        result.push({ ruleId, day, points: count * rule.points });
        continue;
      }
      const period = periodOf(day, rule.cap.per);
      const spent = used.get(period) ?? { points: 0, occurrences: 0 };
      const occurrences = Math.min(count, (rule.cap.maxOccurrences ?? Number.POSITIVE_INFINITY) - spent.occurrences);
      const size = Math.min(occurrences * Math.abs(rule.points), (rule.cap.maxPoints ?? Number.POSITIVE_INFINITY) - spent.points);
      used.set(period, { points: spent.points + size, occurrences: spent.occurrences + occurrences });
      if (size > 0) result.push({ ruleId, day, points: Math.sign(rule.points) * size });
    }
  }
  return result;
}

function decayed(engagement: number, idleDays: number, decay: DecayPolicy): number {
  if (idleDays <= 0) return engagement;
  switch (decay.mode) {
    case 'none':
    case 'window':
      return engagement;
    case 'half_life':
      return engagement * 0.5 ** (idleDays / decay.halfLifeDays);
    case 'linear':
      return Math.max(0, engagement - decay.points * Math.floor(idleDays / decay.periodDays));
  }
}

/** The calendar period (UTC) a day falls in; weeks start on Monday, as ISO 8601 has them. */
export function periodOf(day: number, per: CapPeriod): string {
  switch (per) {
    case 'day':
      return `d${day}`;
    case 'week':
      // 1970-01-01 was a Thursday: shifting by 3 makes Monday the first day of each 7-day block.
      return `w${Math.floor((day + 3) / 7)}`;
    case 'month': {
      const date = new Date(day * 86_400_000);
      return `m${date.getUTCFullYear()}-${date.getUTCMonth()}`;
    }
  }
}
