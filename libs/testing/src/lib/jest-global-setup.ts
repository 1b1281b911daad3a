import { resolveTestInfrastructure } from './test-infrastructure';

/** Jest globalSetup of integration projects: exports KAFKA_BROKERS and REDIS_URL for the test files. */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await resolveTestInfrastructure();
  process.env['KAFKA_BROKERS'] = infrastructure.kafkaBrokers;
  process.env['REDIS_URL'] = infrastructure.redisUrl;
  (globalThis as { __BATON_TEST_INFRASTRUCTURE__?: typeof infrastructure }).__BATON_TEST_INFRASTRUCTURE__ = infrastructure;
}
