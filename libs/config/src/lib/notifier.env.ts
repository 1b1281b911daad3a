import { IsNotEmpty, IsOptional, IsUrl, Matches, ValidateIf } from 'class-validator';
import { IntegerBetween, KafkaName, NonEmptyPath } from './env-decorators';
import { ConsumerServiceEnv } from './service-env';

export class NotifierEnv extends ConsumerServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-notifier';

  @KafkaName()
  override readonly KAFKA_CONSUMER_GROUP: string = 'baton-notifier';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3003;

  /** Channels, teams and routes (YAML). Without it, every alert goes to NOTIFIER_WEBHOOK_URL. */
  @IsOptional()
  @NonEmptyPath()
  readonly NOTIFIER_ROUTING_FILE?: string;

  /** How often the routing file is checked for a change; 0 turns the watch off (SIGHUP still reloads). */
  @IntegerBetween(0, 3_600_000)
  readonly NOTIFIER_ROUTING_RELOAD_INTERVAL_MS: number = 2000;

  /** The webhook of the routing used when NOTIFIER_ROUTING_FILE is not set (then it is required). */
  @ValidateIf((env: NotifierEnv) => env.NOTIFIER_ROUTING_FILE === undefined)
  @IsNotEmpty({ message: '$property is required when NOTIFIER_ROUTING_FILE is not set' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '$property must be an http(s) URL' })
  readonly NOTIFIER_WEBHOOK_URL?: string;

  /** Standard Webhooks secret: "whsec_" and the base64 of 24 to 64 random bytes. */
  @ValidateIf((env: NotifierEnv) => env.NOTIFIER_ROUTING_FILE === undefined)
  @IsNotEmpty({ message: '$property is required when NOTIFIER_ROUTING_FILE is not set' })
  @Matches(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, { message: '$property must be "whsec_" followed by base64 of 24 to 64 bytes' })
  readonly NOTIFIER_WEBHOOK_SECRET?: string;

  @IntegerBetween(100, 120_000)
  readonly NOTIFIER_WEBHOOK_TIMEOUT_MS: number = 5000;

  /** How long a failing alert is retried (timeouts, 408, 429, 5xx) before it goes to the dead-letter topic. */
  @IntegerBetween(1000, 7 * 24 * 3600 * 1000)
  readonly NOTIFIER_RETRY_PERIOD_MS: number = 24 * 3600 * 1000;

  @IntegerBetween(1, 60_000)
  readonly NOTIFIER_RETRY_BACKOFF_MS: number = 500;

  /**
   * Destinations allowed although they are in a private network (loopback, RFC 1918, link-local, CGNAT):
   * comma-separated hostnames, addresses or CIDRs. Empty: every private destination is refused.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.:/\-_[\]]+(,[A-Za-z0-9.:/\-_[\]]+)*$/, { message: '$property must be a comma-separated list of hostnames, addresses or CIDRs' })
  readonly NOTIFIER_ALLOWED_DESTINATIONS?: string;
}
