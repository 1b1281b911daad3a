import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, ValidateIf } from 'class-validator';
import { NonEmptyPath, OneOf } from './env-decorators';

export const KAFKA_SASL_MECHANISMS = ['none', 'plain', 'scram-sha-256', 'scram-sha-512', 'oauthbearer'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

const needsPassword = (env: ConnectionSecurityEnv): boolean => env.KAFKA_SASL_MECHANISM === 'plain' || env.KAFKA_SASL_MECHANISM === 'scram-sha-256' || env.KAFKA_SASL_MECHANISM === 'scram-sha-512';

function Flag(): PropertyDecorator {
  return (target, key) => {
    Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))(target, key);
    IsBoolean({ message: '$property must be true or false' })(target, key);
  };
}

/**
 * How a service reaches a secured Kafka and Redis in production: TLS (with a private CA or client certificates)
 * and SASL for Kafka; TLS (`rediss://`), an ACL user and a password for Redis. Files, not values, for the
 * certificates and the OAuth token, so that Kubernetes can mount and rotate them.
 */
export abstract class ConnectionSecurityEnv {
  @Flag()
  readonly KAFKA_SSL: boolean = false;

  /** PEM of the CA that signed the brokers' certificates, when not a public one. */
  @IsOptional()
  @NonEmptyPath()
  readonly KAFKA_SSL_CA_FILE?: string;

  /** Client certificate and key (PEM) for mutual TLS. */
  @IsOptional()
  @NonEmptyPath()
  readonly KAFKA_SSL_CERT_FILE?: string;

  @ValidateIf((env: ConnectionSecurityEnv) => env.KAFKA_SSL_CERT_FILE !== undefined)
  @IsNotEmpty({ message: '$property is required with KAFKA_SSL_CERT_FILE' })
  @NonEmptyPath()
  readonly KAFKA_SSL_KEY_FILE?: string;

  @OneOf(KAFKA_SASL_MECHANISMS)
  readonly KAFKA_SASL_MECHANISM: KafkaSaslMechanism = 'none';

  @ValidateIf(needsPassword)
  @IsNotEmpty({ message: '$property is required with KAFKA_SASL_MECHANISM plain or scram-sha-*' })
  readonly KAFKA_SASL_USERNAME?: string;

  @ValidateIf(needsPassword)
  @IsNotEmpty({ message: '$property is required with KAFKA_SASL_MECHANISM plain or scram-sha-*' })
  readonly KAFKA_SASL_PASSWORD?: string;

  /** A file holding the current OAuth bearer token, read again at every (re)authentication: a sidecar or a projected token keeps it fresh. */
  @ValidateIf((env: ConnectionSecurityEnv) => env.KAFKA_SASL_MECHANISM === 'oauthbearer')
  @IsNotEmpty({ message: '$property is required with KAFKA_SASL_MECHANISM oauthbearer' })
  @NonEmptyPath()
  readonly KAFKA_SASL_OAUTHBEARER_TOKEN_FILE?: string;

  /** Redis ACL user and password; when set they win over those in REDIS_URL (which then need not hold a secret). */
  @IsOptional()
  @IsNotEmpty({ message: '$property must not be empty' })
  readonly REDIS_USERNAME?: string;

  @IsOptional()
  @IsNotEmpty({ message: '$property must not be empty' })
  readonly REDIS_PASSWORD?: string;

  /** PEM of the CA that signed Redis' certificate, for a `rediss://` URL with a private CA. */
  @IsOptional()
  @NonEmptyPath()
  readonly REDIS_TLS_CA_FILE?: string;
}
