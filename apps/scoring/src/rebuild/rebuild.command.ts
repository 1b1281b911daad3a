import { Logger } from '@nestjs/common';
import { loadConfig, ScoringEnv } from '@baton/config';
import { createAdmin, createKafkaClient, parseBrokers } from '@baton/kafka';
import { createRedisClient } from '@baton/redis';
import { rebuildScoringState } from './rebuild-scoring-state';

/** The `rebuild` command of the scoring service's main: same configuration as the service, one run, then exit. */
export async function runRebuildCommand(): Promise<void> {
  const logger = new Logger('rebuild');
  const config = loadConfig(ScoringEnv, process.env, 'scoring');
  const admin = createAdmin(createKafkaClient({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: `${config.KAFKA_CLIENT_ID}-rebuild`, security: config }));
  const redis = createRedisClient(config.REDIS_URL, 'baton-scoring-rebuild', config);
  await Promise.all([admin.connect(), redis.connect()]);
  try {
    const report = await rebuildScoringState(config, admin, redis);
    for (const warning of report.warnings) logger.warn(warning);
    logger.log(`deleted ${report.deletedKeys} scoring key(s); group ${config.KAFKA_CONSUMER_GROUP} rewound to the start of ${report.topics.join(' and ')}: start scoring to replay`);
  } finally {
    await Promise.allSettled([admin.disconnect(), redis.quit()]);
  }
}
