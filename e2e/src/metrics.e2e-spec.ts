import { randomUUID } from 'node:crypto';
import { PROFILE_UPDATED_CAUSE, type EngagementEventV1 } from '@baton/contracts';
import { BatonSystem, uniqueId, waitFor, WebhookReceiver } from '@baton/testing';

const SERVICES = ['ingest', 'scoring', 'lifecycle', 'notifier'] as const;
type Service = (typeof SERVICES)[number];

/** One scrape: each series (`name{labels}`) with its value. */
type Scrape = ReadonlyMap<string, { readonly name: string; readonly labels: Readonly<Record<string, string>>; readonly value: number }>;

/** The text exposition format, as far as Baton's metrics use it (no escaped quotes in label values). */
function parseScrape(text: string): Scrape {
  const series = new Map<string, { name: string; labels: Record<string, string>; value: number }>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) continue;
    const [, name = '', labelText = '', value = ''] = match;
    const labels = Object.fromEntries([...labelText.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="([^"]*)"/g)].map(([, key = '', label = '']) => [key, label]));
    series.set(`${name}{${labelText}}`, { name, labels, value: Number(value) });
  }
  return series;
}

/** The sum of a metric over the series whose labels include `labels`. */
function sumOf(scrape: Scrape, name: string, labels: Readonly<Record<string, string>> = {}): number {
  let sum = 0;
  for (const series of scrape.values()) {
    if (series.name === name && Object.entries(labels).every(([key, value]) => series.labels[key] === value)) sum += series.value;
  }
  return sum;
}

/** The pipeline counters the test compares, so that "settled" means none of them moves any more. */
const PIPELINE_COUNTERS = ['baton_events_ingested_total', 'baton_events_scored_total', 'baton_qualifications_total', 'baton_alert_deliveries_total', 'baton_dead_letters_total'];

describe('metrics of the four services, scraped around a known run', () => {
  const secret = BatonSystem.newWebhookSecret();
  const system = new BatonSystem();
  let receiver: WebhookReceiver;

  const scrape = async (service: Service): Promise<Scrape> => {
    const response = await fetch(`${system.urlOf(service)}/metrics`);
    expect(response.status).toBe(200);
    return parseScrape(await response.text());
  };
  const scrapeAll = async (): Promise<Record<Service, Scrape>> => {
    const [ingest, scoring, lifecycle, notifier] = await Promise.all(SERVICES.map(scrape));
    return { ingest: ingest as Scrape, scoring: scoring as Scrape, lifecycle: lifecycle as Scrape, notifier: notifier as Scrape };
  };
  const fingerprint = (scrapes: Record<Service, Scrape>): string => JSON.stringify(SERVICES.map((service) => PIPELINE_COUNTERS.map((name) => sumOf(scrapes[service], name))));
  /**
   * Fresh consumer groups read the shared topics from the beginning: what earlier runs left is replayed (and
   * deduplicated) first. The counts are compared only once nothing moves and no consumer is behind.
   */
  const settled = async (): Promise<Record<Service, Scrape>> => {
    let previous = '';
    let unchanged = 0;
    return waitFor(
      'the counters to settle',
      async () => {
        const scrapes = await scrapeAll();
        const current = fingerprint(scrapes);
        const caughtUp = SERVICES.every((service) => sumOf(scrapes[service], 'baton_consumer_lag') === 0);
        // Three equal scrapes in a row: a consumer that has not fetched its first batch yet shows no lag at all.
        unchanged = current === previous && caughtUp ? unchanged + 1 : 0;
        previous = current;
        return unchanged >= 2 ? scrapes : undefined;
      },
      180_000,
      1500,
    );
  };
  const event = (leadId: string, type: string): EngagementEventV1 => ({ eventId: randomUUID(), leadId, type, occurredAt: new Date().toISOString() });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(secret);
    await system.start({ webhookUrl: receiver.url, webhookSecret: secret, consumerGroupPrefix: uniqueId('baton-e2e-metrics'), logPrefix: 'e2e-metrics' });
  });

  afterAll(async () => {
    await system.stop();
    await receiver?.stop();
  });

  it('should serve /metrics without an API key, with the Node process metrics of each service', async () => {
    for (const service of SERVICES) {
      const response = await fetch(`${system.urlOf(service)}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain;.*version=0\.0\.4/);
      const metrics = parseScrape(await response.text());
      expect(metrics.has(`process_cpu_user_seconds_total{service="${service}"}`)).toBe(true);
      expect(metrics.has(`process_resident_memory_bytes{service="${service}"}`)).toBe(true);
      expect(metrics.has(`nodejs_heap_size_used_bytes{service="${service}"}`)).toBe(true);
      expect(metrics.has(`baton_kafka_client_errors_total{service="${service}"}`)).toBe(true);
      expect(metrics.has(`baton_redis_client_errors_total{service="${service}"}`)).toBe(true);
    }
  });

  it('should move each counter by exactly what a known run did', async () => {
    const before = await settled();

    // Two leads that become MQLs (page views 5, download 15, demo 40: 65 >= 50), one refused event, one
    // profile update of a lead with no activity (scored, never qualified).
    const qualifying = [uniqueId('lead'), uniqueId('lead')];
    const types = ['page_view', 'page_view', 'content_download', 'demo_requested'];
    for (const leadId of qualifying) {
      const events = [...types.map((type) => event(leadId, type)), { ...event(leadId, 'page_view'), occurredAt: '2026-02-30T10:00:00Z' }];
      const response = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(), body: JSON.stringify({ events }) });
      expect(response.status).toBe(207);
    }
    const profiled = uniqueId('lead');
    const profile = await fetch(`${system.ingestUrl}/v1/leads/${profiled}/profile`, { method: 'PUT', headers: system.authorized(), body: JSON.stringify({ traits: { jobTitle: 'Intern' } }) });
    expect(profile.status).toBe(202);
    for (const leadId of qualifying) await waitFor(`an alert for ${leadId}`, () => receiver.deliveriesFor(leadId)[0], 60_000);

    const after = await settled();
    const delta = (service: Service, name: string, labels: Readonly<Record<string, string>> = {}): number => sumOf(after[service], name, labels) - sumOf(before[service], name, labels);

    expect(delta('ingest', 'baton_events_ingested_total', { type: 'page_view' })).toBe(4);
    expect(delta('ingest', 'baton_events_ingested_total', { type: 'content_download' })).toBe(2);
    expect(delta('ingest', 'baton_events_ingested_total', { type: 'demo_requested' })).toBe(2);
    expect(delta('ingest', 'baton_events_ingested_total')).toBe(8);
    expect(delta('ingest', 'baton_events_rejected_total', { endpoint: 'events' })).toBe(2);
    expect(delta('ingest', 'baton_profile_updates_ingested_total')).toBe(1);

    expect(delta('scoring', 'baton_events_scored_total', { type: 'page_view' })).toBe(4);
    expect(delta('scoring', 'baton_events_scored_total', { type: 'content_download' })).toBe(2);
    expect(delta('scoring', 'baton_events_scored_total', { type: 'demo_requested' })).toBe(2);
    expect(delta('scoring', 'baton_events_scored_total', { type: PROFILE_UPDATED_CAUSE })).toBe(1);
    expect(delta('scoring', 'baton_event_to_score_seconds_count')).toBe(8);

    expect(delta('lifecycle', 'baton_qualifications_total', { stage: 'mql' })).toBe(2);
    expect(delta('lifecycle', 'baton_qualifications_total')).toBe(2);
    expect(delta('lifecycle', 'baton_score_to_qualification_seconds_count')).toBe(2);
    const reasons = [...after.lifecycle.values()].filter((series) => series.name === 'baton_qualifications_total' && series.labels['stage'] === 'mql').map((series) => series.labels['reason']);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((reason) => reason !== undefined && reason !== '')).toBe(true);

    const delivered = qualifying.flatMap((leadId) => receiver.deliveriesFor(leadId)).length;
    expect(delivered).toBe(2);
    expect(delta('notifier', 'baton_alert_deliveries_total', { outcome: 'delivered' })).toBe(2);
    expect(delta('notifier', 'baton_alert_deliveries_total', { outcome: 'dead_lettered' })).toBe(0);
    expect(delta('notifier', 'baton_qualification_to_alert_seconds_count')).toBe(2);

    for (const service of ['scoring', 'lifecycle', 'notifier'] as const) {
      expect([...after[service].values()].some((series) => series.name === 'baton_consumer_lag' && series.labels['service'] === service)).toBe(true);
    }
  }, 420_000);
});
