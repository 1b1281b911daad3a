import { Logger } from '@nestjs/common';
import { IngestEnv, loadConfig } from '@baton/config';
import { createKafkaClient, parseBrokers } from '@baton/kafka';
import { createRedisClient } from '@baton/redis';
import { identityLinkOptionsOf } from './identity-link.options';
import { rebuildIdentityState } from './rebuild-identity-state';

/** `node main.js rebuild-identities`: same configuration as the service, one run, then exit (docs/runbook.md). */
export async function runRebuildIdentitiesCommand(): Promise<void> {
  const logger = new Logger('rebuild-identities');
  const config = loadConfig(IngestEnv, process.env, 'ingest');
  const kafka = createKafkaClient({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: `${config.KAFKA_CLIENT_ID}-rebuild`, security: config });
  const redis = createRedisClient(config.REDIS_URL, 'baton-ingest-rebuild', config);
  await redis.connect();
  try {
    const report = await rebuildIdentityState(kafka, redis, identityLinkOptionsOf(config));
    logger.log(`deleted ${report.deletedKeys} identity key(s); restored ${report.links} link(s) and ${report.bufferedEvents} buffered anonymous event(s) from the log`);
  } finally {
    await redis.quit().catch(() => redis.disconnect());
  }
}
