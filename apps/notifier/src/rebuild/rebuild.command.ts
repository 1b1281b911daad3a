import { Logger } from '@nestjs/common';
import { loadConfig, NotifierEnv } from '@baton/config';
import { createAdmin, createKafkaClient, parseBrokers } from '@baton/kafka';
import { RedisConnection } from '@baton/redis';
import { DeliveryStore } from '../delivery/delivery.store';
import { rebuildNotifierState } from './rebuild-notifier-state';

/** The `rebuild` command of the notifier's main: same configuration as the service, one run, then exit. */
export async function runRebuildCommand(): Promise<void> {
  const logger = new Logger('rebuild');
  const config = loadConfig(NotifierEnv, process.env, 'notifier');
  const kafka = createKafkaClient({ brokers: parseBrokers(config.KAFKA_BROKERS), clientId: `${config.KAFKA_CLIENT_ID}-rebuild`, security: config });
  const admin = createAdmin(kafka);
  const redis = new RedisConnection({ url: config.REDIS_URL, connectionName: 'baton-notifier-rebuild', security: config });
  await Promise.all([admin.connect(), redis.onModuleInit()]);
  try {
    const report = await rebuildNotifierState({ groupId: config.KAFKA_CONSUMER_GROUP, kafka, admin, store: new DeliveryStore(redis), redis: redis.client });
    for (const skipped of report.invalid) logger.warn(`skipped the invalid alert.sent at partition ${skipped.partition} offset ${skipped.offset}: ${skipped.reason}`);
    for (const warning of report.warnings) logger.warn(warning);
    logger.log(
      `read ${report.read} alert.sent message(s): restored ${report.restored} delivered alert(s) and ${report.ownersRestored} owner(s), ${report.alreadyPresent} already present, ${report.invalid.length} invalid skipped; ` +
        `group ${config.KAFKA_CONSUMER_GROUP} rewound to the start of the lead-qualified topic (${report.rewound.map(({ partition, offset }) => `${partition}:${offset}`).join(' ')}): start the notifier to queue what was not delivered`,
    );
  } finally {
    await Promise.allSettled([admin.disconnect(), redis.onApplicationShutdown()]);
  }
}
