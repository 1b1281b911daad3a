import { randomUUID } from 'node:crypto';
import type { EngagementEventV1 } from '@baton/contracts';
import { BatonSystem, uniqueId, waitFor, WebhookReceiver } from '@baton/testing';
import { kafkaControl } from './support/infra-control';

interface AlertBody {
  readonly leadId: string;
  readonly stage: string;
  readonly score: number;
  readonly qualificationId: string;
}

describe('a lead from HTTP events to a signed sales alert', () => {
  const secret = BatonSystem.newWebhookSecret();
  const system = new BatonSystem();
  let receiver: WebhookReceiver;

  const event = (leadId: string, type: string, eventId = randomUUID()): EngagementEventV1 => ({ eventId, leadId, type, occurredAt: new Date().toISOString() });
  const post = (body: unknown): Promise<Response> =>
    fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const alertsFor = (leadId: string): AlertBody[] => receiver.deliveriesFor(leadId).map((delivery) => JSON.parse(delivery.body) as AlertBody);
  const waitForAlert = (leadId: string): Promise<AlertBody> =>
    waitFor(`an alert for ${leadId}`, () => alertsFor(leadId)[0], 60_000);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(secret);
    await system.start({ webhookUrl: receiver.url, webhookSecret: secret, consumerGroupPrefix: uniqueId('baton-e2e'), logPrefix: 'e2e' });
  });

  afterAll(async () => {
    await system.stop();
    await receiver?.stop();
  });

  it('should deliver one verified alert when a lead becomes an MQL', async () => {
    const leadId = uniqueId('lead');
    const response = await post({ events: ['page_view', 'page_view', 'content_download', 'demo_requested'].map((type) => event(leadId, type)) });
    expect(response.status).toBe(202);
    const alert = await waitForAlert(leadId);
    expect(alert).toMatchObject({ leadId, stage: 'mql', score: 65 });
    const deliveries = receiver.deliveriesFor(leadId);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.verified).toBe(true);
    expect(deliveries[0]?.headers['webhook-id']).toBeTruthy();
  });

  it('should answer 400 naming the bad fields and send no alert when a request is malformed', async () => {
    const leadId = uniqueId('lead');
    const response = await post({ events: [event(leadId, 'demo_requested'), { ...event(leadId, 'demo_requested'), occurredAt: 'last tuesday', eventId: '' }] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { violations: { path: string }[] };
    expect(body.violations.map((violation) => violation.path).sort()).toEqual(['events[1].eventId', 'events[1].occurredAt']);
    // A lead that qualifies afterwards gets its alert; the refused one never does.
    const marker = uniqueId('lead');
    expect((await post({ events: [event(marker, 'demo_requested'), event(marker, 'content_download')] })).status).toBe(202);
    await waitForAlert(marker);
    expect(alertsFor(leadId)).toEqual([]);
  });

  it('should count a duplicate event once', async () => {
    const leadId = uniqueId('lead');
    const demo = event(leadId, 'demo_requested');
    expect((await post({ events: [demo, demo] })).status).toBe(202);
    expect((await post(demo)).status).toBe(202);
    // 40 counted once, +5 = 45: below the threshold of 50. Counted twice it would already have qualified.
    expect((await post(event(leadId, 'page_view'))).status).toBe(202);
    expect((await post(event(leadId, 'page_view'))).status).toBe(202);
    const alert = await waitForAlert(leadId);
    expect(alert.score).toBe(50);
    expect(alertsFor(leadId)).toHaveLength(1);
  });

  it('should answer 503 while Kafka is down and accept and alert again once it is back', async () => {
    const leadId = uniqueId('lead');
    // Like any well-behaved client, the retry after a 503 sends the same event with the same id.
    const demo = event(leadId, 'demo_requested');
    kafkaControl('kafka-stop');
    try {
      const refused = await post(demo);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
    } finally {
      kafkaControl('kafka-start');
    }
    const accepted = await waitFor('ingest to accept again', async () => {
      const response = await post({ events: [demo, event(leadId, 'content_download')] });
      return response.status === 202 ? response : undefined;
    }, 90_000, 1000);
    expect(accepted.status).toBe(202);
    const alert = await waitForAlert(leadId);
    expect(alert.leadId).toBe(leadId);
  });
});
