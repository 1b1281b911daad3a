import { IsUrl, Matches } from 'class-validator';
import { IntegerBetween, KafkaName, Required } from './env-decorators';
import { ConsumerServiceEnv } from './service-env';

export class NotifierEnv extends ConsumerServiceEnv {
  @KafkaName()
  override readonly KAFKA_CLIENT_ID: string = 'baton-notifier';

  @KafkaName()
  override readonly KAFKA_CONSUMER_GROUP: string = 'baton-notifier';

  @IntegerBetween(1, 65535)
  override readonly PORT: number = 3003;

  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: '$property must be an http(s) URL' })
  @Required()
  readonly NOTIFIER_WEBHOOK_URL!: string;

  /** Standard Webhooks secret: "whsec_" and the base64 of 24 to 64 random bytes. */
  @Matches(/^whsec_[A-Za-z0-9+/]{32,88}={0,2}$/, { message: '$property must be "whsec_" followed by base64 of 24 to 64 bytes' })
  @Required()
  readonly NOTIFIER_WEBHOOK_SECRET!: string;

  @IntegerBetween(100, 120_000)
  readonly NOTIFIER_WEBHOOK_TIMEOUT_MS: number = 5000;

  /** Attempts at one delivery (timeouts and 5xx are retried; other 4xx are final). */
  @IntegerBetween(1, 50)
  readonly NOTIFIER_DELIVERY_ATTEMPTS: number = 6;

  @IntegerBetween(1, 60_000)
  readonly NOTIFIER_RETRY_BACKOFF_MS: number = 500;
}
