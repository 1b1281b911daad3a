import { IsOptional, Matches, ValidateBy } from 'class-validator';
import { ConnectionSecurityEnv } from './connection-security.env';
import { HostPortList, IntegerBetween, KafkaName, NonEmptyPath, OneOf, RedisUrl, Required } from './env-decorators';
import { HttpServerEnv } from './http-server.env';

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const TRACES_EXPORTERS = ['none', 'otlp', 'console'] as const;
export type TracesExporter = (typeof TRACES_EXPORTERS)[number];

/**
 * What every Baton service reads: the broker, Redis (state, API keys, rate limits), its topics, its HTTP port,
 * server and API limits, and how much it logs.
 */
export abstract class ServiceEnv extends HttpServerEnv {
  @HostPortList()
  @Required()
  readonly KAFKA_BROKERS!: string;

  @RedisUrl()
  @Required()
  @ValidateBy({
    name: 'tlsWithCa',
    validator: {
      // A CA file only means something over TLS: with redis:// it would be ignored and the link left unencrypted.
      validate: (url: unknown, args) => (args?.object as ConnectionSecurityEnv).REDIS_TLS_CA_FILE === undefined || String(url).startsWith('rediss://'),
      defaultMessage: () => 'REDIS_URL must be a rediss:// URL when REDIS_TLS_CA_FILE is set',
    },
  })
  readonly REDIS_URL!: string;

  @KafkaName()
  abstract readonly KAFKA_CLIENT_ID: string;

  /** Partitions of each topic a service creates at start: the ceiling of consumer replicas. */
  @IntegerBetween(1, 1000)
  readonly KAFKA_TOPIC_PARTITIONS: number = 6;

  @IntegerBetween(1, 7)
  readonly KAFKA_TOPIC_REPLICATION_FACTOR: number = 1;

  @IntegerBetween(1, 65535)
  abstract readonly PORT: number;

  @OneOf(LOG_LEVELS)
  readonly LOG_LEVEL: LogLevel = 'info';

  /**
   * OpenTelemetry spans: `none` (the default) exports nothing, `otlp` sends OTLP/HTTP JSON to
   * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), `console` prints them. The SDK reads its
   * other standard variables itself (OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_*, OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES).
   */
  @OneOf(TRACES_EXPORTERS)
  readonly OTEL_TRACES_EXPORTER: TracesExporter = 'none';

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http:// or https:// URL' })
  readonly OTEL_EXPORTER_OTLP_ENDPOINT?: string;

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: '$property must be an http:// or https:// URL' })
  readonly OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** The traces' service.name; baton-<service> by default. */
  @IsOptional()
  @Matches(/^\S{1,200}$/, { message: '$property must be a name without spaces' })
  readonly OTEL_SERVICE_NAME?: string;

  /**
   * After SIGTERM, how long the service may take to finish its batches, commit and close before it exits anyway;
   * keep it below the pod's terminationGracePeriodSeconds, which then kills it.
   */
  @IntegerBetween(1000, 600_000)
  readonly SHUTDOWN_GRACE_MS: number = 20_000;

  /** Larger request bodies are refused with 413 before they are parsed. */
  @IntegerBetween(1024, 64 * 1024 * 1024)
  readonly API_MAX_BODY_BYTES: number = 1024 * 1024;

  /** Requests per second an API key may make in the long run, unless the key has its own limit. */
  @IntegerBetween(1, 1_000_000)
  readonly API_RATE_LIMIT_PER_SECOND: number = 100;

  /** Requests an API key may make at once above its sustained rate (the token bucket's size). */
  @IntegerBetween(1, 1_000_000)
  readonly API_RATE_LIMIT_BURST: number = 200;

  /** How far in the future a date sent to the API may be (clock skew of the sender); later ones are refused. */
  @IntegerBetween(0, 7 * 24 * 3_600_000)
  readonly API_MAX_FUTURE_SKEW_MS: number = 5 * 60_000;
}

/** What a service that consumes Kafka and keeps state in Redis reads on top. */
export abstract class ConsumerServiceEnv extends ServiceEnv {
  @KafkaName()
  abstract readonly KAFKA_CONSUMER_GROUP: string;

  /** Attempts at a message that fails for a passing reason before it goes to the dead-letter topic. */
  @IntegerBetween(1, 100)
  readonly CONSUMER_MAX_ATTEMPTS: number = 5;

  /** First wait between attempts; doubled after each one. */
  @IntegerBetween(1, 60_000)
  readonly CONSUMER_RETRY_BACKOFF_MS: number = 200;
}

/** What a service that applies the model file (scoring rules, stage rules) reads on top. */
export abstract class ModelServiceEnv extends ConsumerServiceEnv {
  /** The scoring model file (YAML); a relative path is resolved from the service's directory (where main.js is); scoring and lifecycle read the same file. */
  @NonEmptyPath()
  readonly SCORING_MODEL_FILE: string = 'models/b2b-default.yaml';

  /** How often the model file is checked for a new version; 0 turns the watch off (SIGHUP still reloads). */
  @IntegerBetween(0, 3_600_000)
  readonly SCORING_MODEL_RELOAD_INTERVAL_MS: number = 2000;
}
