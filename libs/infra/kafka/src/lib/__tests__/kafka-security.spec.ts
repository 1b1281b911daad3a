import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OauthbearerProviderResponse } from 'kafkajs';
import { kafkaSecurityOf, type KafkaSecuritySettings } from '../kafka-security';

describe('kafkaSecurityOf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-kafka-security-'));
  const file = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const none: KafkaSecuritySettings = { KAFKA_SSL: false, KAFKA_SASL_MECHANISM: 'none' };

  it('adds nothing for a local broker', () => {
    expect(kafkaSecurityOf(none)).toEqual({});
  });

  it('turns TLS on with the system CAs, or with the CA and client certificate files given', () => {
    expect(kafkaSecurityOf({ ...none, KAFKA_SSL: true })).toEqual({ ssl: true });
    const settings = { ...none, KAFKA_SSL: true, KAFKA_SSL_CA_FILE: file('ca.pem', 'CA'), KAFKA_SSL_CERT_FILE: file('cert.pem', 'CERT'), KAFKA_SSL_KEY_FILE: file('key.pem', 'KEY') };
    expect(kafkaSecurityOf(settings)).toEqual({ ssl: { ca: 'CA', cert: 'CERT', key: 'KEY' } });
  });

  it('passes the SASL user and password for plain and SCRAM', () => {
    for (const mechanism of ['plain', 'scram-sha-256', 'scram-sha-512'] as const) {
      expect(kafkaSecurityOf({ ...none, KAFKA_SSL: true, KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: 'baton', KAFKA_SASL_PASSWORD: 'pw' })).toEqual({
        ssl: true,
        sasl: { mechanism, username: 'baton', password: 'pw' },
      });
    }
  });

  it('reads the OAuth bearer token again at every authentication, so a rotated token is used', async () => {
    const token = file('token', 'first\n');
    const { sasl } = kafkaSecurityOf({ ...none, KAFKA_SASL_MECHANISM: 'oauthbearer', KAFKA_SASL_OAUTHBEARER_TOKEN_FILE: token });
    const provider = (sasl as { oauthBearerProvider: () => Promise<OauthbearerProviderResponse> }).oauthBearerProvider;
    expect(await provider()).toEqual({ value: 'first' });
    writeFileSync(token, 'second');
    expect(await provider()).toEqual({ value: 'second' });
  });

  it('names a certificate or token file it cannot read', () => {
    expect(() => kafkaSecurityOf({ ...none, KAFKA_SSL: true, KAFKA_SSL_CA_FILE: join(dir, 'nope.pem') })).toThrow(/cannot read the Kafka ca file .*nope\.pem/);
    expect(() => kafkaSecurityOf({ ...none, KAFKA_SASL_MECHANISM: 'oauthbearer', KAFKA_SASL_OAUTHBEARER_TOKEN_FILE: join(dir, 'no-token') })).toThrow(/cannot read the Kafka OAuth token file/);
  });
});
