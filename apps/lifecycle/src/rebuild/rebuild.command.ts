import { Logger } from '@nestjs/common';
import { LifecycleEnv, loadConfig } from '@baton/config';
import { createAdmin, createKafkaClient, parseBrokers } from '@baton/kafka';
import { skipReplayedScoreChanges } from './skip-replayed-score-changes';

/** The `rebuild` command of the lifecycle service's main: same configuration as the service, one run, then exit. */
export async function runRebuildCommand(): Promise<void> {
  const logger = new Logger('rebuild');
  const config = loadConfig(LifecycleEnv, process.env, 'lifecycle');
  const admin = createAdmin(createKafkaClient({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: `${config.KAFKA_CLIENT_ID}-rebuild`, security: config }));
  await admin.connect();
  try {
    const { skipped } = await skipReplayedScoreChanges(config, admin);
    logger.log(`group ${config.KAFKA_CONSUMER_GROUP} moved to the end of the score changes (${skipped} unread skipped: scoring's replay emits them again)`);
  } finally {
    await admin.disconnect();
  }
}
