export { SCORE_CHANGES_TOPIC } from './score-changed.topic';
export { CarriedEngagementV1, DayPointsV1, EngagementTrailV1, FIT_GRADES, PROFILE_UPDATED_CAUSE, RulePointsV1, ScoreChangedV1, type FitGrade } from './score-changed.value';
