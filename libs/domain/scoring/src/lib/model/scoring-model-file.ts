import type { CapPeriod, FitCategory, IntentClass } from './scoring-model';

/**
 * A model file as written (YAML, after scoring-model.schema.json accepted it): the shape marketing ops edit,
 * which parseScoringModel turns into a ScoringModel. Kept apart from ScoringModel so that the file can stay
 * convenient to write (`event` or `events`, operators as keys) while the engine gets one uniform shape.
 */
export interface ScoringModelFile {
  readonly version: string;
  readonly description?: string;
  readonly engagement: {
    readonly decay: DecayFile;
    readonly rules: readonly EngagementRuleFile[];
    readonly intent: IntentFile;
  };
  readonly fit: {
    readonly grades: { readonly A: number; readonly B: number; readonly C: number };
    readonly rules: readonly FitRuleFile[];
  };
}

export type DecayFile =
  | { readonly mode: 'none' }
  | { readonly mode: 'half_life'; readonly halfLifeDays: number }
  | { readonly mode: 'linear'; readonly points: number; readonly periodDays: number }
  | { readonly mode: 'window'; readonly days: number };

export interface CapFile {
  readonly per: CapPeriod;
  readonly maxPoints?: number;
  readonly maxOccurrences?: number;
}

/** Exactly one operator per condition; `min` and `max` together are one (a range). */
export type ConditionFile =
  | { readonly field: string; readonly equals: string | number | boolean }
  | { readonly field: string; readonly in: readonly (string | number)[] }
  | { readonly field: string; readonly matches: string }
  | { readonly field: string; readonly min?: number; readonly max?: number }
  | { readonly field: string; readonly exists: boolean };

export interface EngagementRuleFile {
  readonly id: string;
  readonly description?: string;
  /** Exactly one of `event` and `events`. */
  readonly event?: string;
  readonly events?: readonly string[];
  readonly when?: readonly ConditionFile[];
  readonly points: number;
  readonly cap?: CapFile;
}

export interface IntentClassFile {
  readonly points: number;
  readonly keywords: readonly string[];
  readonly cap?: CapFile;
}

export type IntentFile = {
  readonly queryProperties: readonly string[];
  readonly referrerProperties: readonly string[];
} & { readonly [C in IntentClass]: IntentClassFile };

export interface FitRuleFile {
  readonly id: string;
  readonly description?: string;
  readonly category: FitCategory;
  readonly when: readonly ConditionFile[];
  readonly points: number;
}
