import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { ConnectionSecurityEnv } from '@baton/config';

export type KafkaSecuritySettings = Pick<
  ConnectionSecurityEnv,
  'KAFKA_SSL' | 'KAFKA_SSL_CA_FILE' | 'KAFKA_SSL_CERT_FILE' | 'KAFKA_SSL_KEY_FILE' | 'KAFKA_SASL_MECHANISM' | 'KAFKA_SASL_USERNAME' | 'KAFKA_SASL_PASSWORD' | 'KAFKA_SASL_OAUTHBEARER_TOKEN_FILE'
>;

/**
 * kafkajs' `ssl` and `sasl` from the configuration. The files are read now (a missing one stops the service at
 * start, naming it), except the OAuth token, read again at each authentication so that a rotated token is used.
 */
export function kafkaSecurityOf(settings: KafkaSecuritySettings): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  const files = { ca: settings.KAFKA_SSL_CA_FILE, cert: settings.KAFKA_SSL_CERT_FILE, key: settings.KAFKA_SSL_KEY_FILE };
  const given = Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== undefined);
  const ssl = !settings.KAFKA_SSL ? undefined : given.length === 0 ? true : Object.fromEntries(given.map(([name, file]) => [name, readFileNamed(file, name)]));
  return { ...(ssl === undefined ? {} : { ssl }), ...saslOf(settings) };
}

function saslOf(settings: KafkaSecuritySettings): { sasl?: SASLOptions } {
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username = '', KAFKA_SASL_PASSWORD: password = '' } = settings;
  switch (mechanism) {
    case 'none':
      return {};
    case 'plain':
    case 'scram-sha-256':
    case 'scram-sha-512':
      return { sasl: { mechanism, username, password } };
    case 'oauthbearer': {
      const tokenFile = settings.KAFKA_SASL_OAUTHBEARER_TOKEN_FILE ?? '';
      readFileNamed(tokenFile, 'OAuth token'); // present at start, or the service does not start
      return { sasl: { mechanism, oauthBearerProvider: async () => ({ value: readFileSync(tokenFile, 'utf8').trim() }) } };
    }
  }
}

function readFileNamed(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the Kafka ${what} file ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
