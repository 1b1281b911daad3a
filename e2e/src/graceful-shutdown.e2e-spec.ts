import { randomUUID } from 'node:crypto';
import { LEAD_QUALIFIED_TOPIC, type EngagementEventV1, type LeadQualifiedV1 } from '@baton/contracts';
import { BatonSystem, TopicReader, uniqueId, waitFor, WebhookReceiver, type Service } from '@baton/testing';

const LEADS = 150;
const PAGE_VIEWS_PER_LEAD = 12;

/**
 * Kubernetes stops pods with SIGTERM during rollouts and scale-downs: lifecycle, then the notifier, are stopped in
 * the middle of a stream of qualifications and started again. Every lead still qualifies once and gets exactly one
 * alert: a stopping service finishes or hands back its work, commits what it did, and exits in its grace period.
 */
describe('lifecycle and notifier stopped by SIGTERM mid-stream', () => {
  const secret = BatonSystem.newWebhookSecret();
  const system = new BatonSystem();
  let receiver: WebhookReceiver;
  let qualified: TopicReader;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start(secret);
    // A slow endpoint keeps deliveries in flight when the notifier is told to stop.
    receiver.answerAfter(150);
    qualified = await TopicReader.start(process.env['KAFKA_BROKERS'] as string, LEAD_QUALIFIED_TOPIC);
    await system.start({ webhookUrl: receiver.url, webhookSecret: secret, consumerGroupPrefix: uniqueId('baton-sigterm'), logPrefix: 'sigterm', env: { SHUTDOWN_GRACE_MS: '15000' } });
  });

  afterAll(async () => {
    await system.stop();
    await Promise.all([receiver?.stop(), qualified?.stop()]);
  });

  const stopAndRestart = async (service: Service): Promise<void> => {
    const exit = await system.terminate(service);
    // Nest re-raises the signal once its shutdown hooks are done; exit code 1 would be the grace timer firing.
    expect({ service, clean: exit.code === 0 || exit.signal === 'SIGTERM', withinGrace: exit.ms < 15_000 }).toEqual({ service, clean: true, withinGrace: true });
    await system.restart(service);
  };

  it('should qualify every lead once and deliver exactly one alert per lead', async () => {
    const run = randomUUID().slice(0, 8);
    const leads = Array.from({ length: LEADS }, (_, index) => `sigterm-${run}-${index}`);
    const events: EngagementEventV1[] = leads.flatMap((leadId) => [
      ...Array.from({ length: PAGE_VIEWS_PER_LEAD }, () => ({ eventId: randomUUID(), leadId, type: 'page_view', occurredAt: new Date().toISOString(), properties: { url: '/docs' } })),
      { eventId: randomUUID(), leadId, type: 'content_download', occurredAt: new Date().toISOString() },
      { eventId: randomUUID(), leadId, type: 'demo_requested', occurredAt: new Date().toISOString() },
    ]);
    // Interleaved across leads, as real traffic is, so that qualifications keep coming while services stop.
    const order = events.map((event, index) => ({ event, rank: (index % (PAGE_VIEWS_PER_LEAD + 2)) * LEADS + Math.floor(index / (PAGE_VIEWS_PER_LEAD + 2)) })).sort((a, b) => a.rank - b.rank);
    for (let start = 0; start < order.length; start += 100) {
      const response = await fetch(`${system.ingestUrl}/v1/events`, {
        method: 'POST',
        headers: system.authorized(),
        body: JSON.stringify({ events: order.slice(start, start + 100).map(({ event }) => event) }),
      });
      expect(response.status).toBe(202);
    }

    const qualifiedLeads = (): number => new Set(leads.flatMap((leadId) => qualified.valuesFor<LeadQualifiedV1>(leadId).map((message) => message.leadId))).size;
    await waitFor('lifecycle to qualify a few leads', () => (qualifiedLeads() >= 5 ? true : undefined), 60_000, 10);
    await stopAndRestart('lifecycle');
    const delivered = (): number => leads.filter((leadId) => receiver.deliveriesFor(leadId).length > 0).length;
    await waitFor('the notifier to deliver some alerts', () => (delivered() >= LEADS / 4 ? true : undefined), 90_000, 10);
    const beforeStop = delivered();
    await stopAndRestart('notifier');

    await waitFor('an alert for every lead', () => (delivered() === LEADS ? true : undefined), 120_000, 200);
    expect(beforeStop).toBeLessThan(LEADS);
    // Anything sent twice would come within a retry or two of the restart.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const perLead = leads.map((leadId) => receiver.deliveriesFor(leadId));
    expect(perLead.filter((deliveries) => deliveries.length !== 1).map((deliveries) => deliveries.length)).toEqual([]);
    expect(perLead.every(([delivery]) => delivery?.verified === true)).toBe(true);
    // One qualification per lead, whatever was published again after the stop (consumers dedupe by its id).
    for (const leadId of leads) expect(new Set(qualified.valuesFor<LeadQualifiedV1>(leadId).map((message) => message.qualificationId)).size).toBe(1);
    const stages = await Promise.all(
      leads.map(async (leadId) => ((await (await fetch(`${system.urlOf('lifecycle')}/v1/leads/${leadId}`, { headers: system.authorized() })).json()) as { stage: string }).stage),
    );
    expect(new Set(stages)).toEqual(new Set(['mql']));
  });
});
