import { allConditionsHold, type FieldSource } from '../conditions/match-conditions';
import type { RulePoints } from '../engagement/engagement-score';
import type { Grade, ScoringModel } from '../model/scoring-model';
import type { LeadProfile } from '../profile/lead-profile';

export interface FitScore {
  /** Sum of the points of every fit rule the profile satisfies, never below zero. */
  readonly fit: number;
  readonly grade: Grade;
  /** The rules that hold, largest first. */
  readonly rules: readonly RulePoints[];
}

export function fitScore(model: ScoringModel, profile: LeadProfile): FitScore {
  const rules = model.fit.rules
    .filter((rule) => allConditionsHold(rule.when, profile as FieldSource))
    .map((rule) => ({ ruleId: rule.id, points: rule.points }))
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || a.ruleId.localeCompare(b.ruleId));
  const fit = Math.max(
    0,
    rules.reduce((sum, rule) => sum + rule.points, 0),
  );
  return { fit, grade: gradeOf(fit, model.fit.grades), rules };
}

export function gradeOf(fit: number, bands: ScoringModel['fit']['grades']): Grade {
  if (fit >= bands.A) return 'A';
  if (fit >= bands.B) return 'B';
  if (fit >= bands.C) return 'C';
  return 'D';
}
