import { ConfigInvalidError, envVariableNames, IngestEnv, loadConfig, NotifierEnv, ScoringEnv } from '../index';

const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

function problemsOf(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigInvalidError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('should apply the defaults when only the required variables are set', () => {
    const config = loadConfig(IngestEnv, { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379' }, 'ingest');
    expect(config.PORT).toBe(3000);
    expect(config.INGEST_MAX_BATCH_SIZE).toBe(500);
    expect(config.KAFKA_CLIENT_ID).toBe('baton-ingest');
    expect(config.LOG_LEVEL).toBe('info');
  });

  it('should convert numbers and keep unrelated variables out', () => {
    const config = loadConfig(IngestEnv, { KAFKA_BROKERS: 'a:1,b:2', REDIS_URL: 'redis://127.0.0.1:6379', PORT: '8080', HOME: '/root' }, 'ingest');
    expect(config.PORT).toBe(8080);
    expect(config).not.toHaveProperty('HOME');
  });

  it('should name every missing required variable', () => {
    const problems = problemsOf(() => loadConfig(NotifierEnv, {}, 'notifier'));
    const text = problems.join('\n');
    for (const name of ['KAFKA_BROKERS', 'REDIS_URL', 'NOTIFIER_WEBHOOK_URL', 'NOTIFIER_WEBHOOK_SECRET']) {
      expect(text).toContain(`${name} is required`);
    }
  });

  it('should name a wrong value without echoing it', () => {
    const problems = problemsOf(() =>
      loadConfig(NotifierEnv, { KAFKA_BROKERS: 'localhost', REDIS_URL: 'http://x', NOTIFIER_WEBHOOK_URL: 'ftp://x', NOTIFIER_WEBHOOK_SECRET: 'hunter2', PORT: 'abc' }, 'notifier'),
    );
    const text = problems.join('\n');
    expect(text).toMatch(/KAFKA_BROKERS must be a comma-separated list of host:port/);
    expect(text).toMatch(/REDIS_URL must be a redis/);
    expect(text).toMatch(/NOTIFIER_WEBHOOK_URL must be an http\(s\) URL/);
    expect(text).toMatch(/NOTIFIER_WEBHOOK_SECRET must be "whsec_"/);
    expect(text).toMatch(/PORT must be a whole number/);
    expect(text).not.toContain('hunter2');
  });

  it('should accept a valid notifier configuration', () => {
    const config = loadConfig(
      NotifierEnv,
      { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379', NOTIFIER_WEBHOOK_URL: 'http://127.0.0.1:9000/hook', NOTIFIER_WEBHOOK_SECRET: secret },
      'notifier',
    );
    expect(config.NOTIFIER_RETRY_PERIOD_MS).toBe(24 * 3600 * 1000);
    expect(
      loadConfig(NotifierEnv, { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379', NOTIFIER_ROUTING_FILE: '/etc/baton/routing.yaml' }, 'notifier').NOTIFIER_WEBHOOK_URL,
    ).toBeUndefined();
  });

  it('should watch the routing file every 2000 ms by default, 0 meaning on SIGHUP only, as the model file', () => {
    const env = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379', NOTIFIER_ROUTING_FILE: '/etc/baton/routing.yaml' };
    expect(loadConfig(NotifierEnv, env, 'notifier').NOTIFIER_ROUTING_RELOAD_INTERVAL_MS).toBe(2000);
    expect(loadConfig(NotifierEnv, { ...env, NOTIFIER_ROUTING_RELOAD_INTERVAL_MS: '0' }, 'notifier').NOTIFIER_ROUTING_RELOAD_INTERVAL_MS).toBe(0);
    expect(problemsOf(() => loadConfig(NotifierEnv, { ...env, NOTIFIER_ROUTING_RELOAD_INTERVAL_MS: 'soon' }, 'notifier'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^NOTIFIER_ROUTING_RELOAD_INTERVAL_MS must be a whole number between 0 and 3600000/)]),
    );
    expect(problemsOf(() => loadConfig(NotifierEnv, { ...env, NOTIFIER_ROUTING_RELOAD_INTERVAL_MS: '-1' }, 'notifier'))).toEqual([
      expect.stringMatching(/^NOTIFIER_ROUTING_RELOAD_INTERVAL_MS must be at least 0/),
    ]);
  });
});

describe('connection security settings', () => {
  const base = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'rediss://redis.example:6380' };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(IngestEnv, { ...base, ...env }, 'ingest');
      return [];
    } catch (error) {
      return error instanceof ConfigInvalidError ? [...error.problems] : [String(error)];
    }
  };

  it('defaults to no TLS and no SASL, and reads the flags and files when given', () => {
    const plain = loadConfig(IngestEnv, base, 'ingest');
    expect([plain.KAFKA_SSL, plain.KAFKA_SASL_MECHANISM]).toEqual([false, 'none']);
    const secured = loadConfig(
      IngestEnv,
      {
        ...base,
        KAFKA_SSL: 'true',
        KAFKA_SSL_CA_FILE: '/etc/baton/kafka-ca.pem',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'baton',
        KAFKA_SASL_PASSWORD: 'pw',
        REDIS_PASSWORD: 'pw',
      },
      'ingest',
    );
    expect([secured.KAFKA_SSL, secured.KAFKA_SASL_MECHANISM, secured.KAFKA_SSL_CA_FILE, secured.REDIS_PASSWORD]).toEqual([true, 'scram-sha-512', '/etc/baton/kafka-ca.pem', 'pw']);
  });

  it('names what a mechanism needs and what is malformed', () => {
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'scram-sha-256' })).toEqual([
      'KAFKA_SASL_USERNAME is required with KAFKA_SASL_MECHANISM plain or scram-sha-*',
      'KAFKA_SASL_PASSWORD is required with KAFKA_SASL_MECHANISM plain or scram-sha-*',
    ]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'oauthbearer' })).toEqual([expect.stringContaining('KAFKA_SASL_OAUTHBEARER_TOKEN_FILE is required with KAFKA_SASL_MECHANISM oauthbearer')]);
    expect(problemsOf({ KAFKA_SASL_MECHANISM: 'gssapi' })).toEqual([expect.stringMatching(/^KAFKA_SASL_MECHANISM must be one of: none, plain, scram-sha-256, scram-sha-512, oauthbearer/)]);
    expect(problemsOf({ KAFKA_SSL: 'yes' })).toEqual(['KAFKA_SSL must be true or false']);
    expect(problemsOf({ REDIS_URL: 'redis://redis.example:6379', REDIS_TLS_CA_FILE: '/etc/baton/redis-ca.pem' })).toEqual(['REDIS_URL must be a rediss:// URL when REDIS_TLS_CA_FILE is set']);
    expect(problemsOf({ KAFKA_SSL_CERT_FILE: '/etc/baton/client.pem' })).toEqual([expect.stringContaining('KAFKA_SSL_KEY_FILE is required with KAFKA_SSL_CERT_FILE')]);
  });
});

describe('envVariableNames', () => {
  it('should list inherited and own variables of a schema', () => {
    const names = envVariableNames(ScoringEnv);
    expect(names).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'REDIS_URL', 'KAFKA_CONSUMER_GROUP', 'SCORING_DEDUPE_TTL_SECONDS', 'PORT']));
    expect(new Set(names).size).toBe(names.length);
  });
});
