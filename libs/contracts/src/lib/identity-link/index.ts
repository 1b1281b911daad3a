export { IDENTITY_LINKS_TOPIC } from './identity-link.topic';
export { IDENTITY_LINK_SOURCES, IdentityLinkedV1, type IdentityLinkSource } from './identity-link.value';
