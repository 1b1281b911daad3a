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
      loadConfig(
        NotifierEnv,
        { KAFKA_BROKERS: 'localhost', REDIS_URL: 'http://x', NOTIFIER_WEBHOOK_URL: 'ftp://x', NOTIFIER_WEBHOOK_SECRET: 'hunter2', PORT: 'abc' },
        'notifier',
      ),
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
    expect(loadConfig(NotifierEnv, { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379', NOTIFIER_ROUTING_FILE: '/etc/baton/routing.yaml' }, 'notifier').NOTIFIER_WEBHOOK_URL).toBeUndefined();
  });
});

describe('envVariableNames', () => {
  it('should list inherited and own variables of a schema', () => {
    const names = envVariableNames(ScoringEnv);
    expect(names).toEqual(expect.arrayContaining(['KAFKA_BROKERS', 'REDIS_URL', 'KAFKA_CONSUMER_GROUP', 'SCORING_DEDUPE_TTL_SECONDS', 'PORT']));
    expect(new Set(names).size).toBe(names.length);
  });
});
