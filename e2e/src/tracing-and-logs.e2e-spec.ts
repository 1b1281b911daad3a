import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ALERTS_SENT_TOPIC, ENGAGEMENT_EVENTS_TOPIC, LEAD_QUALIFIED_TOPIC, SCORE_CHANGES_TOPIC } from '@baton/contracts';
import { BatonSystem, OtlpReceiver, TopicReader, uniqueId, waitFor, WebhookReceiver, type ReceivedSpan } from '@baton/testing';

const SERVICES = ['ingest', 'scoring', 'lifecycle', 'notifier'] as const;

/**
 * One request followed through the four running services with tracing on: the caller's traceparent and
 * correlation id reach the alert (Kafka headers on every topic on the way, one connected trace in the
 * collector, the alert's view), every log line is JSON, and no log holds the lead's e-mail, name or the key.
 */
describe('tracing and logs from the HTTP request to the alert', () => {
  const secret = BatonSystem.newWebhookSecret();
  const system = new BatonSystem();
  const traceId = randomBytes(16).toString('hex');
  const callerSpanId = randomBytes(8).toString('hex');
  const correlationId = `req-${randomUUID()}`;
  const leadId = uniqueId('lead-traced');
  const personal = { email: `ada.${randomUUID().slice(0, 8)}@example.com`, name: `Ada Tracewell ${randomUUID().slice(0, 8)}` };
  let receiver: WebhookReceiver;
  let collector: OtlpReceiver;
  let readers: Record<string, TopicReader>;

  beforeAll(async () => {
    const brokers = process.env['KAFKA_BROKERS'] as string;
    [receiver, collector] = await Promise.all([WebhookReceiver.start(secret), OtlpReceiver.start()]);
    const topics = [ENGAGEMENT_EVENTS_TOPIC, SCORE_CHANGES_TOPIC, LEAD_QUALIFIED_TOPIC, ALERTS_SENT_TOPIC];
    readers = Object.fromEntries(await Promise.all(topics.map(async (topic) => [topic, await TopicReader.start(brokers, topic)] as const)));
    await system.start({
      webhookUrl: receiver.url,
      webhookSecret: secret,
      consumerGroupPrefix: uniqueId('baton-tracing'),
      logPrefix: uniqueId('tracing'),
      env: { OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '100', LOG_LEVEL: 'info' },
    });
  });

  afterAll(async () => {
    await system.stop();
    await Promise.all([receiver?.stop(), collector?.stop(), ...Object.values(readers ?? {}).map((reader) => reader.stop())]);
  });

  it('should carry the caller’s trace and correlation id to the alert, and log no personal data', async () => {
    const profile = await fetch(`${system.ingestUrl}/v1/leads/${leadId}/profile`, {
      method: 'PUT',
      headers: system.authorized(),
      body: JSON.stringify({ traits: { ...personal, company: { name: 'Analytical Engines Ltd' } } }),
    });
    expect(profile.status).toBe(202);
    const events = ['content_download', 'demo_requested'].map((type) => ({ eventId: randomUUID(), leadId, type, occurredAt: new Date().toISOString() }));
    const response = await fetch(`${system.ingestUrl}/v1/events`, {
      method: 'POST',
      headers: { ...system.authorized(), traceparent: `00-${traceId}-${callerSpanId}-01`, 'x-correlation-id': correlationId },
      body: JSON.stringify({ events }),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    await waitFor(`an alert for ${leadId}`, () => receiver.deliveriesFor(leadId)[0], 60_000);

    // Kafka headers: every message caused by the request, on every topic to the alert, carries its ids.
    // (Each topic has its own reader, which may still be catching up.)
    for (const topic of [ENGAGEMENT_EVENTS_TOPIC, SCORE_CHANGES_TOPIC, LEAD_QUALIFIED_TOPIC, ALERTS_SENT_TOPIC]) {
      const caused = await waitFor(
        `a message on ${topic} with the request's correlation id`,
        () => {
          const found = (readers[topic]?.messages ?? []).filter((message) => message.key === leadId && message.headers['baton-correlation-id'] === correlationId);
          return found.length > 0 ? found : undefined;
        },
        20_000,
      );
      for (const message of caused)
        expect({ topic, traceparent: message.headers['traceparent'] }).toEqual({ topic, traceparent: expect.stringMatching(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`)) });
    }
    expect(await readers[ALERTS_SENT_TOPIC]?.waitForKey(leadId)).toHaveLength(1);

    // One trace: ingest's server span is the child of the caller's span, and every other span's parent is in it.
    const spans = await waitFor(
      'the notifier’s delivery span in the collector',
      () => {
        const found = collector.spansOfTrace(traceId);
        return found.some((span) => span.service === 'baton-notifier' && span.name.startsWith('alert delivery')) ? found : undefined;
      },
      30_000,
    );
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(SERVICES.map((service) => `baton-${service}`)));
    const server = spans.find((span) => span.service === 'baton-ingest' && span.name === 'POST /v1/events') as ReceivedSpan;
    expect(server).toMatchObject({ parentSpanId: callerSpanId, attributes: { 'http.route': '/v1/events', 'http.response.status_code': 202, 'baton.correlation_id': correlationId } });
    const ids = new Set(spans.map((span) => span.spanId));
    for (const span of spans) expect(span.parentSpanId === callerSpanId || ids.has(span.parentSpanId ?? '')).toBe(true);
    expect(
      spans
        .filter((span) => span.name.endsWith(' process'))
        .map((span) => span.service)
        .sort(),
    ).toEqual(expect.arrayContaining(['baton-lifecycle', 'baton-notifier', 'baton-scoring']));

    // The alert's own record says where it comes from.
    const alerts = (await (await fetch(`${system.urlOf('notifier')}/v1/alerts?leadId=${leadId}`, { headers: system.authorized() })).json()) as {
      alerts: { correlationId: string; traceId?: string }[];
    };
    expect(alerts.alerts).toEqual([expect.objectContaining({ correlationId, traceId })]);

    // Logs: JSON lines only; the correlation id in each service that logs the request's work; no personal data, no key.
    const secretOfKey = system.apiKey.split('_').at(-1) as string;
    for (const service of SERVICES) {
      const text = readFileSync(system.logFileOf(service), 'utf8');
      const lines = text.split('\n').filter((line) => line !== '');
      for (const line of lines) expect(JSON.parse(line)).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), service, msg: expect.any(String) }));
      for (const forbidden of [personal.email, personal.name, 'Analytical Engines', secretOfKey])
        expect({ service, found: text.includes(forbidden) ? forbidden : undefined }).toEqual({ service, found: undefined });
      if (service !== 'scoring')
        expect({ service, correlated: lines.some((line) => (JSON.parse(line) as { correlationId?: string; traceId?: string }).correlationId === correlationId) }).toEqual({
          service,
          correlated: true,
        });
    }
  });
});
