import type { ConditionFile } from '@baton/condition-file';
import type { Cap, DecayPolicy, FitCategory, IntentClass, StageRules } from '@baton/scoring-domain';

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
  readonly stages: StagesFile;
}

/** Written as the engine reads them. */
export type DecayFile = DecayPolicy;
export type CapFile = Cap;

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

/** `stages:` as written: StageRules, but `when` may be left out of a disqualify rule that names events. */
export type StagesFile = Omit<StageRules, 'disqualify'> & { readonly disqualify: readonly DisqualifyRuleFile[] };

export interface DisqualifyRuleFile {
  readonly id: string;
  readonly description?: string;
  readonly events?: readonly string[];
  /** At least one of `events` and `when`; without `events` the conditions test the profile. */
  readonly when?: readonly ConditionFile[];
}
