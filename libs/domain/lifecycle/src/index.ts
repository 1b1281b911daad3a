export { qualificationIdFor } from './lib/qualification-id';
export { INITIAL_STAGE, isStage, STAGES, type Stage } from './lib/stage';
export { ALLOWED_TRANSITIONS, canMove, isFinalStage, move, type MoveResult } from './lib/stage-machine';
export {
  decidedAt,
  assessSignal,
  decideOnSignal,
  heldByFit,
  recordSignal,
  type FitGateHold,
  type LeadLifecycle,
  type LifecycleDecision,
  type QualificationReason,
  type ScoringSignal,
  type StageRuleId,
} from './lib/decide-on-signal';
export { PROFILE_UPDATED_CAUSE } from './lib/lead-lifecycle';
export { decideOnInactivity, idleCutoff, idleSince, isRecyclable, RECYCLABLE_STAGES } from './lib/decide-on-inactivity';
export { feedbackCauseKey, inactivityCauseKey, scoreChangeCauseKey } from './lib/cause-key';
export { TOP_SIGNALS, topSignals } from './lib/top-signals';
export { decideOnFeedback, FEEDBACK_OUTCOMES, type FeedbackDecision, type FeedbackOutcome } from './lib/decide-on-feedback';
export { funnelReport, type FunnelCohort, type FunnelReport, type LeadFunnelRecord } from './lib/funnel';
export { leadJourney, type JourneyCause, type LeadJourney } from './lib/lead-journey';
export { nextStages, type Gate, type LeadStanding, type NextStages, type PathGates } from './lib/next-stages';
