export const STAGE_CHANGES_TOPIC = 'baton.stage-changes.v1';
