export { ApiAuthModule } from './lib/api-auth.module';
export { ApiKeyGuard, type CallerKey, type RequestWithCaller } from './lib/api-key.guard';
export { ApiKeyStore, type ApiKeyRecord, type NewApiKeyRequest, type RateLimit } from './lib/api-key.store';
export { RequiresScope } from './lib/requires-scope.decorator';
export { RateLimiter, type RateDecision } from './lib/rate-limiter';
