import { IntegerBetween, KafkaName } from './env-decorators';
import { ModelServiceEnv } from './service-env';

export class LifecycleEnv extends ModelServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-lifecycle';

  @KafkaName()
  override readonly KAFKA_CONSUMER_GROUP: string = 'baton-lifecycle';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3002;

  /** How often leads are checked for inactivity (the model's stages.recycle.inactiveDays); 0 turns the sweep off. */
  @IntegerBetween(0, 24 * 3600 * 1000)
  readonly LIFECYCLE_INACTIVITY_SWEEP_MS: number = 60_000;

  /** How long a processed score change or feedback id is remembered, so that a redelivery counts once. */
  @IntegerBetween(60, 90 * 24 * 3600)
  readonly LIFECYCLE_DEDUPE_TTL_SECONDS: number = 7 * 24 * 3600;
}
