export { LEAD_QUALIFIED_TOPIC } from './lead-qualified.topic';
export {
  JourneyStepV1,
  LeadQualifiedV1,
  isQualifiedStage,
  QUALIFICATION_REASON_KINDS,
  QUALIFIED_STAGES,
  ScoreBreakdownV1,
  type QualificationReasonKind,
  type QualificationReasonV1,
  type QualifiedStage,
} from './lead-qualified.value';
