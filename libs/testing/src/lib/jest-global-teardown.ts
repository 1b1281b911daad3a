import type { TestInfrastructure } from './test-infrastructure';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __BATON_TEST_INFRASTRUCTURE__?: TestInfrastructure }).__BATON_TEST_INFRASTRUCTURE__?.stop();
}
