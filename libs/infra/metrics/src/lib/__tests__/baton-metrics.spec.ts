import { BatonMetrics } from '../baton-metrics';

describe('BatonMetrics', () => {
  it('has its own registry with the Node process metrics labelled by service', async () => {
    const scoring = new BatonMetrics('scoring');
    const ingest = new BatonMetrics('ingest');
    ingest.eventsIngested.inc({ type: 'page_view' });

    const text = await scoring.registry.metrics();
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="scoring"\} /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="scoring"\} /m);
    // Another service's counts never show in this one's scrape.
    expect(text).not.toMatch(/^baton_events_ingested_total\{/m);
    expect(await ingest.registry.metrics()).toMatch(/^baton_events_ingested_total\{type="page_view"\} 1$/m);
  });

  it('shows the client error counters at zero before any error', async () => {
    const text = await new BatonMetrics('lifecycle').registry.metrics();
    expect(text).toMatch(/^baton_kafka_client_errors_total\{service="lifecycle"\} 0$/m);
    expect(text).toMatch(/^baton_redis_client_errors_total\{service="lifecycle"\} 0$/m);
  });

  it('turns consumer reports into dead letters, lag and Kafka errors', async () => {
    const metrics = new BatonMetrics('lifecycle');
    metrics.consumerObserver.deadLettered('baton.score-changes.v1');
    metrics.consumerObserver.deadLettered('baton.score-changes.v1');
    metrics.consumerObserver.lag('baton.score-changes.v1', 3, 42);
    metrics.consumerObserver.lag('baton.score-changes.v1', 3, 7);
    metrics.consumerObserver.clientError(new Error('crash'));

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^baton_dead_letters_total\{service="lifecycle",topic="baton.score-changes.v1"\} 2$/m);
    expect(text).toMatch(/^baton_consumer_lag\{service="lifecycle",topic="baton.score-changes.v1",partition="3"\} 7$/m);
    expect(text).toMatch(/^baton_kafka_client_errors_total\{service="lifecycle"\} 1$/m);
  });

  it('measures seconds since an ISO time, never negative, and nothing for a time that does not parse', () => {
    const now = Date.parse('2026-11-24T10:00:10Z');
    expect(BatonMetrics.secondsSince('2026-11-24T10:00:00Z', now)).toBe(10);
    expect(BatonMetrics.secondsSince('2026-11-24T10:00:20Z', now)).toBe(0);
    expect(BatonMetrics.secondsSince('not a time', now)).toBeUndefined();
  });
});
