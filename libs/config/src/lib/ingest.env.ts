import { IntegerBetween, KafkaName } from './env-decorators';
import { ServiceEnv } from './service-env';

export class IngestEnv extends ServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-ingest';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3000;

  /** Larger bodies are refused with 413 before they are parsed. */
  @IntegerBetween(1024, 64 * 1024 * 1024)
  readonly INGEST_MAX_BODY_BYTES: number = 1024 * 1024;

  @IntegerBetween(1, 10_000)
  readonly INGEST_MAX_BATCH_SIZE: number = 500;

  /** How long a request waits for Kafka's acknowledgement before it is answered 503. */
  @IntegerBetween(100, 120_000)
  readonly INGEST_PRODUCE_TIMEOUT_MS: number = 5000;
}
