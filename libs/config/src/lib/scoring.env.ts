import { IntegerBetween, KafkaName } from './env-decorators';
import { ModelServiceEnv } from './service-env';

export class ScoringEnv extends ModelServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-scoring';

  @KafkaName()
  override readonly KAFKA_CONSUMER_GROUP: string = 'baton-scoring';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3001;

  /** How long an event id is remembered, so that a redelivered or resent event counts once. */
  @IntegerBetween(60, 90 * 24 * 3600)
  readonly SCORING_DEDUPE_TTL_SECONDS: number = 7 * 24 * 3600;
}
