export const LEAD_QUALIFIED_TOPIC = 'baton.lead-qualified.v1';
