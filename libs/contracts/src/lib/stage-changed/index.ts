export { LeadStageChangedV1 } from './lead-stage-changed.value';
export { LEAD_STAGES, type LeadStage } from './lead-stages';
export { STAGE_CHANGES_TOPIC } from './stage-changed.topic';
