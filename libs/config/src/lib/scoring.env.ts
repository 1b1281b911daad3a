import { IntegerBetween, KafkaName, NonEmptyPath } from './env-decorators';
import { ConsumerServiceEnv } from './service-env';

export class ScoringEnv extends ConsumerServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-scoring';

  @KafkaName()
  override readonly KAFKA_CONSUMER_GROUP: string = 'baton-scoring';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3001;

  /** How long an event id is remembered, so that a redelivered or resent event counts once. */
  @IntegerBetween(60, 90 * 24 * 3600)
  readonly SCORING_DEDUPE_TTL_SECONDS: number = 7 * 24 * 3600;

  /** The scoring model file (YAML); a relative path is resolved from the service's directory (where main.js is). */
  @NonEmptyPath()
  readonly SCORING_MODEL_FILE: string = 'models/b2b-default.yaml';

  /** How often the model file is checked for a new version; 0 turns the watch off (SIGHUP still reloads). */
  @IntegerBetween(0, 3_600_000)
  readonly SCORING_MODEL_RELOAD_INTERVAL_MS: number = 2000;
}
