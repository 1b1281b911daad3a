import { randomUUID } from 'node:crypto';
import { API_SCOPES } from '@baton/api-key';
import { BatonSystem, uniqueId, waitFor } from '@baton/testing';
import { redisControl } from './support/infra-control';

type Probe = { status: number; body: { code?: string; details?: Record<string, { status: string }> } };

/**
 * A service that loses Redis reports not ready (taken out of the load balancer) but stays alive (not restarted),
 * refuses keyed requests with 503 rather than letting them in unchecked, and is ready again by itself once Redis
 * is back. Redis here keeps nothing on disk: it returns empty, so the test makes a new key afterwards.
 */
describe('readiness follows Redis', () => {
  const system = new BatonSystem();
  const services = ['ingest', 'scoring'] as const;

  beforeAll(async () => {
    await system.start({ services, webhookUrl: 'http://127.0.0.1:9/unused', webhookSecret: BatonSystem.newWebhookSecret(), consumerGroupPrefix: uniqueId('baton-ready'), logPrefix: 'readiness' });
  });

  afterAll(async () => {
    redisControl('redis-start');
    await system.stop();
  });

  const probe = async (service: (typeof services)[number], path: string): Promise<Probe> => {
    const response = await fetch(`${system.urlOf(service)}${path}`);
    return { status: response.status, body: (await response.json()) as Probe['body'] };
  };
  const event = () => ({ eventId: randomUUID(), leadId: uniqueId('lead'), type: 'page_view', occurredAt: new Date().toISOString() });

  it('turns false when Redis stops and true again when it returns, while liveness stays true', async () => {
    for (const service of services) expect((await probe(service, '/health/ready')).status).toBe(200);

    redisControl('redis-stop');
    try {
      for (const service of services) {
        const notReady = await waitFor(
          `${service} to report not ready`,
          async () => {
            const answer = await probe(service, '/health/ready');
            return answer.status === 503 ? answer : undefined;
          },
          30_000,
          250,
        );
        expect(notReady.body).toMatchObject({ code: 'SERVICE.NOT_READY', details: { redis: { status: 'down' } } });
        expect((await probe(service, '/health/live')).status).toBe(200);
      }
      const refused = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(), body: JSON.stringify(event()) });
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { code: string }).code).toBe('AUTH.UNAVAILABLE');
    } finally {
      redisControl('redis-start');
    }

    for (const service of services) {
      await waitFor(`${service} to be ready again`, async () => ((await probe(service, '/health/ready')).status === 200 ? true : undefined), 60_000, 250);
    }
    const { key } = await system.createApiKey(API_SCOPES);
    const accepted = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(key), body: JSON.stringify(event()) });
    expect(accepted.status).toBe(202);
  });
});
