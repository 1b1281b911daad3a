/**
 * The scoring model: what marketing ops write in the model file (YAML, read and checked by
 * @baton/scoring-model-file) once it is parsed and validated. Plain data, so that it can be printed, compared
 * and applied anywhere.
 */
export interface ScoringModel {
  /** Recorded on every score it produces; a changed model must carry a new version. */
  readonly version: string;
  readonly description?: string;
  readonly engagement: EngagementModel;
  readonly fit: FitModel;
  /** What moves a lead between stages: the company's definition of a contact, an MQL and an SQL. */
  readonly stages: StageRules;
}

export interface EngagementModel {
  readonly decay: DecayPolicy;
  /** First match wins: an event fires the first rule (in file order) whose event type and conditions match. */
  readonly rules: readonly EngagementRule[];
  readonly intent: IntentModel;
}

/**
 * How engagement fades, computed from event time (UTC days), never from the clock:
 * - none: points stay;
 * - half_life: the engagement halves every `halfLifeDays` days without new points;
 * - linear: it drops by `points` for each whole `periodDays` without activity;
 * - window: only the last `days` days count (up to the lead's latest event).
 */
export type DecayPolicy =
  | { readonly mode: 'none' }
  | { readonly mode: 'half_life'; readonly halfLifeDays: number }
  | { readonly mode: 'linear'; readonly points: number; readonly periodDays: number }
  | { readonly mode: 'window'; readonly days: number };

export const CAP_PERIODS = ['day', 'week', 'month'] as const;
/** Calendar periods in UTC; a week starts on Monday (ISO 8601). */
export type CapPeriod = (typeof CAP_PERIODS)[number];

/** At most `maxPoints` points (by size, for negative rules too) or `maxOccurrences` events of a rule per period. */
export interface Cap {
  readonly per: CapPeriod;
  readonly maxPoints?: number;
  readonly maxOccurrences?: number;
}

export interface EngagementRule {
  /** snake_case, unique in the model: scores and state refer to rules by id. */
  readonly id: string;
  readonly description?: string;
  /** The event types the rule applies to. */
  readonly events: readonly string[];
  /** All must hold, on the event's properties. */
  readonly when: readonly Condition[];
  /** Whole points per event; negative for signals against buying (bounces, unsubscribes, careers pages). */
  readonly points: number;
  readonly cap?: Cap;
}

/**
 * One test on a field (an event property or a profile trait, dotted for nesting: `company.industry`). String
 * comparisons ignore case; on a list field (technologies) the test holds when it holds for any element.
 */
export type Condition =
  | { readonly field: string; readonly op: 'equals'; readonly value: string | number | boolean }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly (string | number)[] }
  | { readonly field: string; readonly op: 'matches'; readonly pattern: string }
  | { readonly field: string; readonly op: 'range'; readonly min?: number; readonly max?: number }
  | { readonly field: string; readonly op: 'exists'; readonly exists: boolean };

export const INTENT_CLASSES = ['awareness', 'consideration', 'evaluation', 'transactional'] as const;
/** Where in the funnel the words a lead searched with put it; later classes outrank earlier ones. */
export type IntentClass = (typeof INTENT_CLASSES)[number];

export interface IntentModel {
  /** Event properties holding search terms (a site search's query). */
  readonly queryProperties: readonly string[];
  /** Event properties holding a referrer URL whose query string may carry search terms (q, query, p, ...). */
  readonly referrerProperties: readonly string[];
  readonly classes: Readonly<Record<IntentClass, IntentClassRule>>;
}

export interface IntentClassRule {
  /** Words or phrases, matched as whole words and ignoring case. */
  readonly keywords: readonly string[];
  readonly points: number;
  readonly cap?: Cap;
}

export interface FitModel {
  /** Lowest fit score of grades A, B and C; anything below C is D. */
  readonly grades: { readonly A: number; readonly B: number; readonly C: number };
  /** Every rule whose conditions all hold adds its points (floor 0 for the sum). */
  readonly rules: readonly FitRule[];
}

export const FIT_CATEGORIES = ['demographic', 'firmographic', 'technographic', 'qualification'] as const;
export type FitCategory = (typeof FIT_CATEGORIES)[number];

export interface FitRule {
  readonly id: string;
  readonly description?: string;
  readonly category: FitCategory;
  readonly when: readonly Condition[];
  readonly points: number;
}

export type Grade = 'A' | 'B' | 'C' | 'D';

/** The rule id under which an intent class's points are recorded. */
export function intentRuleId(intentClass: IntentClass): string {
  return `intent_${intentClass}`;
}

/**
 * The fit a lead needs on one path to MQL or SQL. The lowest grade (D) passes only where the model says why
 * (`lowestGradeBecause`): by default a poor fit never reaches sales, however active it is.
 */
export interface FitGate {
  readonly minGrade: Grade;
  readonly lowestGradeBecause?: string;
}

/**
 * The qualification rules, in the model file next to the scoring rules (`stages:`), so that one versioned file
 * says both how leads are scored and what an MQL and an SQL are here.
 */
export interface StageRules {
  /** A visitor becomes a contact when it becomes identifiable: one of these events, or one of these traits known. */
  readonly contact: { readonly events: readonly string[]; readonly traits: readonly string[] };
  /** Engagement at or above `minEngagement` AND fit grade at or above `minGrade` (A best). */
  readonly mql: { readonly minEngagement: number } & FitGate;
  /** Any one of these makes an SQL; each is optional, at least one is present; each asks for a fit of its own. */
  readonly sql: {
    /**
     * A hand-raising event hands the lead over at once when its grade is at least `minGrade`, and when it happened at
     * most `withinDays` days before it entered the log (when given): a backfilled hand raise is history.
     */
    readonly fastTrack?: { readonly events: readonly string[]; readonly withinDays?: number } & FitGate;
    /** A total score at or above `minScore` with at least `bantAtLeast` of the four BANT criteria known and satisfied. */
    readonly criteria?: { readonly minScore: number; readonly bantAtLeast: number } & FitGate;
    /** At least `distinct` different engagement rules among `rules` fired within the `withinDays` days (event time) up to the time the cause entered the log. */
    readonly activities?: { readonly rules: readonly string[]; readonly distinct: number; readonly withinDays: number } & FitGate;
  };
  readonly recycle: {
    /** A contact, MQL or SQL with no activity (event time) for this many days is recycled. */
    readonly inactiveDays: number;
    /** A recycled lead qualifies again only once its engagement has risen this much since it was recycled. */
    readonly requalifyGain: number;
  };
  /** Checked before any other rule; the first that holds disqualifies the lead for good. */
  readonly disqualify: readonly DisqualifyRule[];
}

/**
 * Without `events`, the conditions test the lead's profile (competitor domain, student); with `events`, an event
 * of one of those types whose properties meet the conditions disqualifies (a hard bounce).
 */
export interface DisqualifyRule {
  readonly id: string;
  readonly description?: string;
  readonly events?: readonly string[];
  readonly when: readonly Condition[];
}

export const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value);
}

/** True when `grade` is `minimum` or better (A is best). */
export function gradeAtLeast(grade: Grade, minimum: Grade): boolean {
  return GRADES.indexOf(grade) <= GRADES.indexOf(minimum);
}
