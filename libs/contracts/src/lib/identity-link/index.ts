export { IDENTITY_LINKS_TOPIC } from './identity-link.topic';
export { ANONYMOUS_LEAD_PREFIX, IDENTITY_LINK_SOURCES, IdentityLinkedV1, isAnonymousLeadId, type IdentityLinkSource } from './identity-link.value';
