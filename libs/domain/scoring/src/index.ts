export * from './lib/model/scoring-model';
export { allConditionsHold, conditionHolds, valueAt, type FieldSource } from './lib/conditions/match-conditions';
export { MATCH_INPUT_LIMIT, patternMatches, PatternInvalidError, patternProblem } from './lib/conditions/match-pattern';
export { activityEntries, activityField, dayOf, type ActivityCounts, type ActivityEntry } from './lib/engagement/activity';
export {
  datedTrail,
  engagementOn,
  engagementScore,
  engagementTrail,
  trailOfDates,
  type DatedEngagementTrail,
  type EngagementScore,
  type EngagementTrail,
  type RulePoints,
} from './lib/engagement/engagement-score';
export { EngagementLedger, periodOf } from './lib/engagement/engagement-ledger';
export { pricedRules, rulesFiredBy, type EngagementSignal, type PricedRule } from './lib/engagement/fire-rules';
export { classifyIntent, searchTermsOf } from './lib/engagement/intent-classifier';
export { fitScore, gradeOf, type FitScore } from './lib/fit/fit-score';
export { mergeProfile, type BantProfile, type CompanyProfile, type LeadProfile, type ProfilePatch } from './lib/profile/lead-profile';
export {
  applyEvent,
  applyProfileUpdate,
  EMPTY_LEAD_STATE,
  LeadScorer,
  scoreHistory,
  scoreLead,
  withLogTime,
  type AppliedEvent,
  type LeadScore,
  type LeadScoringState,
  type ScorableEvent,
  type ScoringCause,
} from './lib/score-lead';
export { scoringCauseKey } from './lib/cause-key';
