export { BatonSystem, WORKSPACE_ROOT, type BatonSystemOptions } from './lib/baton-system';
export { default as jestGlobalSetup } from './lib/jest-global-setup';
export { default as jestGlobalTeardown } from './lib/jest-global-teardown';
export { resolveTestInfrastructure, type TestInfrastructure } from './lib/test-infrastructure';
export { createTestApiKey, revokeTestApiKey } from './lib/test-api-keys';
export { TopicReader, type ReadMessage } from './lib/topic-reader';
export { uniqueId, waitFor } from './lib/wait-for';
export { WebhookReceiver, type ReceivedWebhook } from './lib/webhook-receiver';
export { assertMatchesAsyncApi } from './lib/asyncapi-payloads';
