export { LEAD_PROFILES_TOPIC } from './lead-profile.topic';
export { BantTraitsV1, CompanyTraitsV1, LeadProfileUpdatedV1, ProfileTraitsV1 } from './lead-profile-updated.value';
