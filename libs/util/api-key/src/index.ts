export { API_KEY_PREFIX, generateApiKey, hashSecret, isKeyId, parseApiKey, secretMatches, type NewApiKey, type PresentedApiKey } from './lib/api-key-format';
export { API_SCOPES, isApiScope, type ApiScope } from './lib/api-scope';
