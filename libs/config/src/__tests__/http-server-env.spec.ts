import { ConfigInvalidError, HTTP_SERVER_DEFAULTS, IngestEnv, LifecycleEnv, loadConfig, NotifierEnv, ScoringEnv, type ServiceEnv } from '../index';

const required = { KAFKA_BROKERS: '127.0.0.1:9092', REDIS_URL: 'redis://127.0.0.1:6379', NOTIFIER_ROUTING_FILE: '/etc/baton/routing.yaml' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(IngestEnv, { ...required, ...env }, 'ingest');
    return [];
  } catch (error) {
    if (error instanceof ConfigInvalidError) return [...error.problems];
    throw error;
  }
}

describe('HTTP server limits', () => {
  it('every service reads them, with deliberate defaults instead of Node 20s (60 s, 300 s, checked every 30 s, 5 s)', () => {
    const schemas: [new () => ServiceEnv, string][] = [
      [IngestEnv, 'ingest'],
      [ScoringEnv, 'scoring'],
      [LifecycleEnv, 'lifecycle'],
      [NotifierEnv, 'notifier'],
    ];
    for (const [schema, service] of schemas) {
      const config = loadConfig(schema, required, service);
      expect({
        HTTP_HEADERS_TIMEOUT_MS: config.HTTP_HEADERS_TIMEOUT_MS,
        HTTP_REQUEST_TIMEOUT_MS: config.HTTP_REQUEST_TIMEOUT_MS,
        HTTP_CONNECTIONS_CHECK_INTERVAL_MS: config.HTTP_CONNECTIONS_CHECK_INTERVAL_MS,
        HTTP_KEEP_ALIVE_TIMEOUT_MS: config.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        HTTP_MAX_HEADER_BYTES: config.HTTP_MAX_HEADER_BYTES,
      }).toEqual({ HTTP_HEADERS_TIMEOUT_MS: 10_000, HTTP_REQUEST_TIMEOUT_MS: 30_000, HTTP_CONNECTIONS_CHECK_INTERVAL_MS: 1_000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000, HTTP_MAX_HEADER_BYTES: 16_384 });
    }
    expect(HTTP_SERVER_DEFAULTS).toEqual(expect.objectContaining({ HTTP_HEADERS_TIMEOUT_MS: 10_000, HTTP_KEEP_ALIVE_TIMEOUT_MS: 65_000 }));
  });

  it('reads values that are given', () => {
    const config = loadConfig(
      IngestEnv,
      {
        ...required,
        HTTP_HEADERS_TIMEOUT_MS: '5000',
        HTTP_REQUEST_TIMEOUT_MS: '120000',
        HTTP_CONNECTIONS_CHECK_INTERVAL_MS: '500',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '620000',
        HTTP_MAX_HEADER_BYTES: '32768',
      },
      'ingest',
    );
    expect([config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS, config.HTTP_CONNECTIONS_CHECK_INTERVAL_MS, config.HTTP_KEEP_ALIVE_TIMEOUT_MS, config.HTTP_MAX_HEADER_BYTES]).toEqual([
      5000, 120_000, 500, 620_000, 32_768,
    ]);
  });

  it('names a value out of range or not a number', () => {
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '400000', HTTP_REQUEST_TIMEOUT_MS: '600000' })).toEqual([expect.stringMatching(/^HTTP_HEADERS_TIMEOUT_MS must be at most 300000/)]);
    expect(problemsOf({ HTTP_REQUEST_TIMEOUT_MS: 'soon' })).toEqual([expect.stringMatching(/^HTTP_REQUEST_TIMEOUT_MS must be a whole number between 1000 and 3600000/)]);
    expect(problemsOf({ HTTP_KEEP_ALIVE_TIMEOUT_MS: '999' })).toEqual([expect.stringMatching(/^HTTP_KEEP_ALIVE_TIMEOUT_MS must be at least 1000/)]);
    expect(problemsOf({ HTTP_MAX_HEADER_BYTES: '2097152' })).toEqual([expect.stringMatching(/^HTTP_MAX_HEADER_BYTES must be at most 1048576/)]);
    expect(problemsOf({ HTTP_CONNECTIONS_CHECK_INTERVAL_MS: '50' })).toEqual([expect.stringMatching(/^HTTP_CONNECTIONS_CHECK_INTERVAL_MS must be at least 100/)]);
  });

  // Node itself throws ERR_OUT_OF_RANGE on the first, naming its option rather than the variable.
  it('refuses a headers timeout above the request timeout, and a check interval above the headers timeout', () => {
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toEqual(['HTTP_HEADERS_TIMEOUT_MS must be at most HTTP_REQUEST_TIMEOUT_MS (the headers are part of the request)']);
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '2000', HTTP_CONNECTIONS_CHECK_INTERVAL_MS: '5000' })).toEqual([
      'HTTP_CONNECTIONS_CHECK_INTERVAL_MS must be at most HTTP_HEADERS_TIMEOUT_MS (checking less often would let the timeout overrun by a whole interval)',
    ]);
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '30000', HTTP_REQUEST_TIMEOUT_MS: '30000', HTTP_CONNECTIONS_CHECK_INTERVAL_MS: '30000' })).toEqual([]);
  });
});
