export const IDENTITY_LINKS_TOPIC = 'baton.identity-links.v1';
