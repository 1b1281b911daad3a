export { decideOnScore, qualificationIdFor, type QualificationRules, type ScoreDecision } from './lib/decide-on-score';
export { INITIAL_STAGE, isStage, STAGES, type Stage } from './lib/stage';
