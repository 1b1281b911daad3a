import { IntegerBetween, KafkaName } from './env-decorators';
import { ConsumerServiceEnv } from './service-env';

export class LifecycleEnv extends ConsumerServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-lifecycle';

  @KafkaName()
  override readonly KAFKA_CONSUMER_GROUP: string = 'baton-lifecycle';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3002;

  /** Engagement score at or above which a lead becomes marketing qualified. */
  @IntegerBetween(1, 1_000_000)
  readonly LIFECYCLE_MQL_THRESHOLD: number = 50;

  @IntegerBetween(60, 90 * 24 * 3600)
  readonly LIFECYCLE_DEDUPE_TTL_SECONDS: number = 7 * 24 * 3600;
}
