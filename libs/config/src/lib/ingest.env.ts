import { IntegerBetween, KafkaName, NonEmptyPath, Optional } from './env-decorators';
import { ServiceEnv } from './service-env';

export class IngestEnv extends ServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-ingest';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3000;

  /** Items in one request (`events` of /v1/events, `batch` of /v1/segment); more is refused with 400. */
  @IntegerBetween(1, 10_000)
  readonly INGEST_MAX_BATCH_SIZE: number = 500;

  /** A YAML file mapping Segment track event names to Baton event types, over the built-in mapping (docs/segment.md). */
  @Optional()
  @NonEmptyPath()
  readonly INGEST_SEGMENT_EVENT_MAP_FILE?: string;

  /** Events of an anonymous visitor kept (the newest ones) to count for its lead once it is identified. */
  @IntegerBetween(1, 100_000)
  readonly INGEST_IDENTITY_BUFFER_MAX_EVENTS: number = 500;

  /** How long an anonymous visitor's events are kept for that after its latest event. */
  @IntegerBetween(1, 3650)
  readonly INGEST_IDENTITY_BUFFER_TTL_DAYS: number = 30;

  /** How long an anonymous id stays linked to its lead after it was last set or used (a browser's id lives about a year). */
  @IntegerBetween(1, 3650)
  readonly INGEST_IDENTITY_LINK_TTL_DAYS: number = 365;

  /** How long a request waits for Kafka's acknowledgement before it is answered 503. */
  @IntegerBetween(100, 120_000)
  readonly INGEST_PRODUCE_TIMEOUT_MS: number = 5000;
}
