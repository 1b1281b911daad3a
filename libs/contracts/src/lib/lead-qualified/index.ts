export { LEAD_QUALIFIED_TOPIC } from './lead-qualified.topic';
export { LeadQualifiedV1, QUALIFIED_STAGES, ScoreThresholdReasonV1, type QualifiedStage } from './lead-qualified.value';
