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
  const post = (body: unknown): Promise<Response> => fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(), body: JSON.stringify(body) });
  const alertsFor = (leadId: string): AlertBody[] => receiver.deliveriesFor(leadId).map((delivery) => JSON.parse(delivery.body) as AlertBody);
  const waitForAlert = (leadId: string): Promise<AlertBody> => waitFor(`an alert for ${leadId}`, () => alertsFor(leadId)[0], 60_000);

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

  it('should answer 400 naming the bad fields and send no alert when no event of a request is valid', async () => {
    const leadId = uniqueId('lead');
    const response = await post({
      events: [
        { ...event(leadId, 'demo_requested'), type: 'Demo!' },
        { ...event(leadId, 'demo_requested'), occurredAt: 'last tuesday', eventId: '' },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await response.json()) as { code: string; errors: { path: string }[] };
    expect(body.code).toBe('REQUEST.INVALID');
    expect(body.errors.map((error) => error.path).sort()).toEqual(['events[0].type', 'events[1].eventId', 'events[1].occurredAt']);
    // A lead that qualifies afterwards gets its alert; the refused one never does.
    const marker = uniqueId('lead');
    expect((await post({ events: [event(marker, 'demo_requested'), event(marker, 'content_download')] })).status).toBe(202);
    await waitForAlert(marker);
    expect(alertsFor(leadId)).toEqual([]);
  });

  it('should store the valid events of a batch and say which ones were refused', async () => {
    const leadId = uniqueId('lead');
    const [demo, download] = [event(leadId, 'demo_requested'), event(leadId, 'content_download')];
    const response = await post({ events: [demo, { ...event(leadId, 'page_view'), occurredAt: '2026-02-30T10:00:00Z' }, download] });
    expect(response.status).toBe(207);
    expect(await response.json()).toEqual({
      stored: 2,
      rejected: 1,
      results: [
        { index: 0, status: 'stored', eventId: demo.eventId },
        { index: 1, status: 'rejected', errors: [{ path: 'events[1].occurredAt', message: 'must be a date and time that exists' }] },
        { index: 2, status: 'stored', eventId: download.eventId },
      ],
    });
    // demo (40) + download (15) = 55: the refused page view (5) would have made it 60.
    expect((await waitForAlert(leadId)).score).toBe(55);
  });

  it('should refuse requests without a valid key and store nothing from them', async () => {
    const leadId = uniqueId('lead');
    const body = JSON.stringify({ events: [event(leadId, 'demo_requested'), event(leadId, 'content_download')] });
    const missing = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(missing.status).toBe(401);
    const readOnly = await system.createApiKey(['leads:read']);
    expect((await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(readOnly.key), body })).status).toBe(403);
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

  it('should answer 429 with Retry-After once a key has spent its burst, and revoke a key at once', async () => {
    const limited = await system.createApiKey(['events:write'], { perSecond: 1, burst: 2 });
    const send = async () => fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(limited.key), body: JSON.stringify(event(uniqueId('lead'), 'page_view')) });
    const statuses = [(await send()).status, (await send()).status];
    const refused = await send();
    expect([...statuses, refused.status]).toEqual([202, 202, 429]);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await refused.json()) as { code: string }).code).toBe('AUTH.RATE_LIMITED');
    const revoked = await system.createApiKey(['events:write']);
    await system.revokeApiKey(revoked.keyId);
    const afterRevoke = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(revoked.key), body: JSON.stringify(event(uniqueId('lead'), 'page_view')) });
    expect(afterRevoke.status).toBe(401);
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
    const accepted = await waitFor(
      'ingest to accept again',
      async () => {
        const response = await post({ events: [demo, event(leadId, 'content_download')] });
        return response.status === 202 ? response : undefined;
      },
      90_000,
      1000,
    );
    expect(accepted.status).toBe(202);
    const alert = await waitForAlert(leadId);
    expect(alert.leadId).toBe(leadId);
  });
});
