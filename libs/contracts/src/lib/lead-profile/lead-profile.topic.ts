export const LEAD_PROFILES_TOPIC = 'baton.lead-profiles.v1';
