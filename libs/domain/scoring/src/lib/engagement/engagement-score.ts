import type { CapPeriod, DecayPolicy, ScoringModel } from '../model/scoring-model';
import { activityEntries, dayOf, isoDate, type ActivityCounts, type ActivityEntry } from './activity';
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
  /** What engagement on a later day depends on (see EngagementTrail). */
  readonly trail: EngagementTrail;
}

/**
 * Engagement on a day from the activity counts. Caps are applied per rule and calendar period, earliest day
 * first; then the days are walked in order, each adding its points (never below zero: a bounce leaves no debt)
 * after the decay of the idle days before it. Everything depends on the counts only, not on arrival order.
 */
export function engagementScore(model: ScoringModel, activity: ActivityCounts, asOfDay: number): EngagementScore {
  const decay = model.engagement.decay;
  const capped = cappedPoints(model, activity);
  const earliest = windowStart(decay, asOfDay);
  const byRule = new Map<string, number>();
  for (const { ruleId, day, points } of capped) {
    if (day < earliest || day > asOfDay) continue;
    byRule.set(ruleId, (byRule.get(ruleId) ?? 0) + points);
  }
  const rules = [...byRule]
    .filter(([, points]) => points !== 0)
    .map(([ruleId, points]) => ({ ruleId, points }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleId.localeCompare(b.ruleId));
  const trail = trailOf(decay, capped, asOfDay);
  return { engagement: engagementOn(decay, trail, asOfDay), rules, trail };
}

/**
 * What engagement on any later day depends on, as of `asOfDay`: the points earned per day (after caps) that can
 * still count, the older ones folded into the engagement they had left on the last day folded (a window drops them
 * instead). Time only moves forward, so `engagementOn(decay, trail, later)` equals the engagement scored on `later`
 * as long as nothing new happened: what the lead view shows as of now without the activity counts.
 */
export interface EngagementTrail {
  readonly carried?: { readonly day: number; readonly engagement: number };
  readonly days: readonly { readonly day: number; readonly points: number }[];
}

/** A trail with its days as ISO dates (2026-01-31), as messages carry it. */
export interface DatedEngagementTrail {
  readonly carried?: { readonly on: string; readonly engagement: number };
  readonly days: { readonly on: string; readonly points: number }[];
}

export function datedTrail(trail: EngagementTrail): DatedEngagementTrail {
  return {
    ...(trail.carried === undefined ? {} : { carried: { on: isoDate(trail.carried.day), engagement: trail.carried.engagement } }),
    days: trail.days.map(({ day, points }) => ({ on: isoDate(day), points })),
  };
}

export function trailOfDates(trail: DatedEngagementTrail): EngagementTrail {
  return {
    ...(trail.carried === undefined ? {} : { carried: { day: dayOf(trail.carried.on), engagement: trail.carried.engagement } }),
    days: trail.days.map(({ on, points }) => ({ day: dayOf(on), points })),
  };
}

/** Days kept one by one in a trail before they are folded into its carried engagement. */
const TRAIL_DAYS = 400;

export function engagementTrail(model: ScoringModel, activity: ActivityCounts, asOfDay: number): EngagementTrail {
  return trailOf(model.engagement.decay, cappedPoints(model, activity), asOfDay);
}

function trailOf(decay: DecayPolicy, capped: readonly DayPoints[], asOfDay: number): EngagementTrail {
  const byDay = new Map<number, number>();
  for (const { day, points } of capped) {
    if (day <= asOfDay) byDay.set(day, (byDay.get(day) ?? 0) + points);
  }
  const days = [...byDay].map(([day, points]) => ({ day, points })).sort((a, b) => a.day - b.day);
  const earliest = windowStart(decay, asOfDay);
  if (decay.mode === 'window') return { days: days.filter((entry) => entry.day >= earliest) };
  const kept = days.filter((entry) => entry.day > asOfDay - TRAIL_DAYS);
  const folded = days.slice(0, days.length - kept.length);
  const last = folded.at(-1);
  return last === undefined ? { days: kept } : { carried: { day: last.day, engagement: walk(decay, undefined, folded, last.day) }, days: kept };
}

/** Engagement on `day` (not before the trail's last day), rounded as scores are. */
export function engagementOn(decay: DecayPolicy, trail: EngagementTrail, day: number): number {
  const earliest = windowStart(decay, day);
  return Math.round(walk(decay, trail.carried, trail.days.filter((entry) => entry.day >= earliest && entry.day <= day), day));
}

function walk(decay: DecayPolicy, carried: EngagementTrail['carried'], days: EngagementTrail['days'], asOfDay: number): number {
  let engagement = carried?.engagement ?? 0;
  let previous = carried?.day;
  for (const { day, points } of days) {
    if (previous !== undefined) engagement = decayed(engagement, day - previous, decay);
    engagement = Math.max(0, engagement + points);
    previous = day;
  }
  return previous === undefined ? engagement : decayed(engagement, asOfDay - previous, decay);
}

function windowStart(decay: DecayPolicy, asOfDay: number): number {
  return decay.mode === 'window' ? asOfDay - decay.days + 1 : Number.NEGATIVE_INFINITY;
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
