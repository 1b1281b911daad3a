import type { DecayPolicy, ScoringModel } from '../model/scoring-model';
import { dayOf, isoDate, type ActivityCounts } from './activity';
import { EngagementLedger } from './engagement-ledger';

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
  return ledgerEngagement(model.engagement.decay, EngagementLedger.of(model, activity), asOfDay);
}

/** Engagement on a day from a lead's ledger: what scoring computes after each event without pricing the counts again. */
export function ledgerEngagement(decay: DecayPolicy, ledger: EngagementLedger, asOfDay: number): EngagementScore {
  const rules = [...ledger.ruleTotals(windowStart(decay, asOfDay), asOfDay)]
    .map(([ruleId, points]) => ({ ruleId, points }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleId.localeCompare(b.ruleId));
  const trail = trailOf(decay, ledger.days(asOfDay), asOfDay);
  return { engagement: engagementOn(decay, trail, asOfDay), rules, trail };
}

/**
 * What engagement on any later day depends on, as of `asOfDay`. Under a window, the points earned per day (after
 * caps) still in it: each drops out on its own day. Under decay (or none), only the engagement on the last day that
 * earned points, carried: decay from there depends on nothing else, and a score change stays small however long the
 * lead's history. Time only moves forward, so `engagementOn(decay, trail, later)` equals the engagement scored on
 * `later` as long as nothing new happened: what the lead view shows as of now without the activity counts.
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

export function engagementTrail(model: ScoringModel, activity: ActivityCounts, asOfDay: number): EngagementTrail {
  return trailOf(model.engagement.decay, EngagementLedger.of(model, activity).days(asOfDay), asOfDay);
}

/** `days`: the points per day up to `asOfDay`, in day order. */
function trailOf(decay: DecayPolicy, days: readonly { readonly day: number; readonly points: number }[], asOfDay: number): EngagementTrail {
  if (decay.mode === 'window') {
    const earliest = windowStart(decay, asOfDay);
    return { days: days.filter((entry) => entry.day >= earliest) };
  }
  const last = days.at(-1);
  return last === undefined ? { days: [] } : { carried: { day: last.day, engagement: walk(decay, undefined, days, last.day) }, days: [] };
}

/** Engagement on `day` (not before the trail's last day), rounded as scores are. */
export function engagementOn(decay: DecayPolicy, trail: EngagementTrail, day: number): number {
  const earliest = windowStart(decay, day);
  return Math.round(
    walk(
      decay,
      trail.carried,
      trail.days.filter((entry) => entry.day >= earliest && entry.day <= day),
      day,
    ),
  );
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
