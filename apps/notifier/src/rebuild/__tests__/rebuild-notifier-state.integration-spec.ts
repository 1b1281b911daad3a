import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { loadConfig, NotifierEnv } from '@baton/config';
import { ALERTS_SENT_TOPIC, LEAD_QUALIFIED_TOPIC, type AlertSentV1, type LeadQualifiedV1 } from '@baton/contracts';
import { ensureTopics } from '@baton/kafka';
import { deleteKeysMatching, leadKey, RedisConnection } from '@baton/redis';
import { BatonSystem, uniqueId } from '@baton/testing';
import { newMessageTrace } from '@baton/telemetry';
import { AlertsController } from '../../delivery/alerts.controller';
import { DeliveryStore } from '../../delivery/delivery.store';
import type { DeliveryScheduler } from '../../delivery/delivery.scheduler';
import { alertIdFor, EnqueueAlertsUseCase } from '../../delivery/enqueue-alerts.usecase';
import { OwnerAssigner, ownerKey, teamCursorKey } from '../../routing/owner-assigner';
import { parseRoutingFile } from '../../routing/routing-file';
import { rebuildNotifierState, RebuildRefusedError, type NotifierRebuildReport } from '../rebuild-notifier-state';
import { sqlQualification } from '../../__tests__/sql-qualification.fixture';

const DUE_KEY = 'baton:notifier:due';

/**
 * After Redis is lost, the delivered alerts come back from baton.alerts-sent.v1 and the notifier reads
 * baton.lead-qualified.v1 again from its start: what was delivered is skipped, what was not is queued.
 */
describe('notifier state rebuilt from the alerts-sent log', () => {
  // A database of its own: the rebuild restores every alert of the topic, which the other suites' workers must not see.
  const redisUrl = `${process.env['REDIS_URL'] as string}/6`;
  const secret = BatonSystem.newWebhookSecret();
  const team = uniqueId('team').slice(0, 30);
  const config = loadConfig(NotifierEnv, { ...process.env, REDIS_URL: redisUrl, KAFKA_CONSUMER_GROUP: uniqueId('notifier-rebuild'), NOTIFIER_ROUTING_FILE: '/unused' }, 'notifier');
  const routing = parseRoutingFile(
    `version: routing-1
channels:
  crm: { type: webhook, url: "https://crm.example.com/hook", secretEnv: [REBUILD_SPEC_SECRET] }
  partner: { type: webhook, url: "https://partner.example.com/hook", secretEnv: [REBUILD_SPEC_SECRET] }
teams:
  ${team}: { owners: [{ id: sam, name: Sam Carter }, { id: kim, name: Kim Lee }] }
routes:
  - name: sql
    when: [{ field: stage, equals: sql }]
    team: ${team}
    channels: [crm, partner]
default: { channels: [crm] }
`,
    { REBUILD_SPEC_SECRET: secret },
    'rebuild spec routing',
  );
  const kafka = new Kafka({ clientId: 'notifier-rebuild-spec', brokers: config.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  let admin: Admin;
  let producer: Producer;
  let redis: RedisConnection;
  let store: DeliveryStore;
  // Each of its qualifications is delivered on every channel of its route.
  const delivered = uniqueId('lead');
  // Its qualification was delivered on crm; partner was still queued when Redis was lost.
  const partly = uniqueId('lead');
  // Its qualification was never delivered.
  const pending = uniqueId('lead');
  const [fullQualification, partQualification, pendingQualification] = [uniqueId('qual'), uniqueId('qual'), uniqueId('qual')];

  const sent = (leadId: string, qualificationId: string, channel: string, extra: Partial<AlertSentV1> = {}): AlertSentV1 => ({
    alertId: alertIdFor(qualificationId, channel),
    qualificationId,
    leadId,
    channel,
    channelType: 'webhook',
    team,
    ownerId: 'kim',
    attempts: 1,
    deliveredAt: '2026-11-24T10:00:02.010Z',
    ...extra,
  });
  const qualified = (leadId: string, qualificationId: string): LeadQualifiedV1 => sqlQualification(leadId, { qualificationId });
  const rebuild = (groupId = config.KAFKA_CONSUMER_GROUP, now = new Date()): Promise<NotifierRebuildReport> =>
    rebuildNotifierState({ groupId, kafka, admin, store, redis: redis.client, now: () => now });
  // The consumer's use case; its worker only gets a nudge when something is queued (none runs against this database).
  const enqueueAlerts = (): EnqueueAlertsUseCase =>
    new EnqueueAlertsUseCase(config, { current: { config: routing } }, new OwnerAssigner(redis), store, { deliverDueNow: () => undefined } as unknown as DeliveryScheduler);

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    admin = kafka.admin();
    producer = kafka.producer({ idempotent: true });
    redis = new RedisConnection({ url: redisUrl, connectionName: 'notifier-rebuild-spec' });
    await Promise.all([admin.connect(), producer.connect(), redis.onModuleInit()]);
    await ensureTopics(kafka, [ALERTS_SENT_TOPIC, LEAD_QUALIFIED_TOPIC], { partitions: config.KAFKA_TOPIC_PARTITIONS, replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR });
    store = new DeliveryStore(redis);
  });

  afterAll(async () => {
    // Every rebuild restores the whole topic here (other suites' alerts too): the database is this suite's alone, leave it empty.
    if (redis !== undefined) for (const pattern of ['baton:lead:{*}:notifier:*', 'baton:notifier:*']) await deleteKeysMatching(redis.client, pattern);
    await admin?.deleteGroups([config.KAFKA_CONSUMER_GROUP]).catch(() => undefined);
    await Promise.allSettled([producer?.disconnect(), admin?.disconnect(), redis?.onApplicationShutdown()]);
  });

  it('should refuse while a notifier of the group is running', async () => {
    const groupId = uniqueId('notifier-rebuild-running');
    const consumer: Consumer = kafka.consumer({ groupId });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: LEAD_QUALIFIED_TOPIC });
      await consumer.run({ eachMessage: async () => undefined });
      await joined;
      const refusal = rebuild(groupId);
      await expect(refusal).rejects.toBeInstanceOf(RebuildRefusedError);
      await expect(refusal).rejects.toMatchObject({ code: 'NOTIFIER.REBUILD_REFUSED', message: expect.stringMatching(/has 1 running member\(s\): stop every notifier instance/) });
    } finally {
      await consumer.disconnect();
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  });

  it('should restore the delivered alerts, skip them when their qualification comes again, queue the others and rewind the group', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    await producer.send({
      topic: ALERTS_SENT_TOPIC,
      acks: -1,
      messages: [
        { key: delivered, value: JSON.stringify(sent(delivered, fullQualification, 'crm', { attempts: 3 })), headers: { 'baton-correlation-id': 'req-rebuild-1', traceparent } },
        { key: delivered, value: JSON.stringify(sent(delivered, fullQualification, 'partner', { deliveredAt: '2026-11-24T10:00:03.000Z' })) },
        { key: partly, value: JSON.stringify(sent(partly, partQualification, 'crm')) },
      ],
    });
    const [invalidAt] = await producer.send({ topic: ALERTS_SENT_TOPIC, acks: -1, messages: [{ key: pending, value: JSON.stringify(sent(pending, pendingQualification, 'crm', { attempts: 0 })) }] });
    // The group had read lead-qualified to its end before Redis was lost.
    await producer.send({ topic: LEAD_QUALIFIED_TOPIC, acks: -1, messages: [{ key: pending, value: JSON.stringify(qualified(pending, pendingQualification)) }] });
    await admin.resetOffsets({ groupId: config.KAFKA_CONSUMER_GROUP, topic: LEAD_QUALIFIED_TOPIC, earliest: false });
    const ends = await admin.fetchTopicOffsets(LEAD_QUALIFIED_TOPIC);
    expect(ends.some(({ low, high }) => BigInt(high) > BigInt(low))).toBe(true);

    const restoredAt = new Date('2026-12-01T08:00:00.000Z');
    const first = await rebuild(config.KAFKA_CONSUMER_GROUP, restoredAt);

    expect(first.read).toBe(first.restored + first.alreadyPresent + first.invalid.length);
    expect(first.restored).toBeGreaterThanOrEqual(3);
    expect(first.invalid).toContainEqual({ partition: invalidAt?.partition, offset: invalidAt?.baseOffset, reason: 'attempts: must be at least 1' });
    expect(await store.get(pending, alertIdFor(pendingQualification, 'crm'))).toBeUndefined();

    const crm = await store.get(delivered, alertIdFor(fullQualification, 'crm'));
    expect(crm).toEqual({
      alertId: alertIdFor(fullQualification, 'crm'),
      leadId: delivered,
      qualificationId: fullQualification,
      channelId: 'crm',
      team,
      owner: undefined,
      ownerId: 'kim',
      qualification: undefined,
      status: 'delivered',
      attempts: 3,
      createdAt: '2026-11-24T10:00:02.010Z',
      deadline: 0,
      deliveredAt: '2026-11-24T10:00:02.010Z',
      announced: true,
      lastResult: undefined,
      trace: { correlationId: 'req-rebuild-1', traceparent },
      restoredAt: restoredAt.toISOString(),
    });
    const recordKey = leadKey(delivered, 'notifier', 'alert', alertIdFor(fullQualification, 'crm'));
    expect(await redis.client.ttl(recordKey)).toBeGreaterThan(29 * 86_400);
    // Nothing to send: a worker never sees it.
    expect(await redis.client.zscore(DUE_KEY, `${delivered}|${alertIdFor(fullQualification, 'crm')}`)).toBeNull();
    expect(await redis.client.get(ownerKey(team, delivered, fullQualification))).toBe('kim');

    // The delivery log shows it as restored, without the stage it no longer knows.
    const view = await new AlertsController(store, config).forLead(delivered);
    expect(view.alerts).toEqual([
      expect.objectContaining({
        alertId: alertIdFor(fullQualification, 'crm'),
        status: 'delivered',
        ownerId: 'kim',
        stage: undefined,
        attempts: [],
        correlationId: 'req-rebuild-1',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        restored: { at: restoredAt.toISOString(), attempts: 3 },
      }),
      expect.objectContaining({ alertId: alertIdFor(fullQualification, 'partner'), createdAt: '2026-11-24T10:00:03.000Z', restored: { at: restoredAt.toISOString(), attempts: 1 } }),
    ]);

    // The group starts again at the earliest offset of every partition.
    expect(first.rewound).toEqual(ends.map(({ partition, low }) => ({ partition, offset: low })).sort((a, b) => a.partition - b.partition));
    const [committed] = await admin.fetchOffsets({ groupId: config.KAFKA_CONSUMER_GROUP, topics: [LEAD_QUALIFIED_TOPIC] });
    const earliest = await admin.fetchTopicOffsets(LEAD_QUALIFIED_TOPIC);
    expect(committed?.partitions.map(({ partition, offset }) => [partition, offset]).sort()).toEqual(earliest.map(({ partition, low }) => [partition, low]).sort());

    // Twice: nothing is restored again, nothing changes.
    const before = await redis.client.hgetall(recordKey);
    const second = await rebuild(config.KAFKA_CONSUMER_GROUP, new Date('2026-12-02T08:00:00.000Z'));
    // Only alert.sent messages other suites wrote in between may be new.
    expect(second.restored).toBeLessThanOrEqual(second.read - first.read);
    expect(second.alreadyPresent).toBeGreaterThanOrEqual(first.restored + first.alreadyPresent);
    expect(await redis.client.hgetall(recordKey)).toEqual(before);

    // The qualifications come again: the delivered one adds nothing, and the owner and team cursor stay as they were.
    const cursor = await redis.client.get(teamCursorKey(team));
    const use = enqueueAlerts();
    expect(await use.execute(qualified(delivered, fullQualification), newMessageTrace())).toBe('skipped');
    expect(await redis.client.hgetall(recordKey)).toEqual(before);
    expect(await use.execute(qualified(partly, partQualification), newMessageTrace())).toBe('processed');
    expect((await store.get(partly, alertIdFor(partQualification, 'crm')))?.restoredAt).toBe(restoredAt.toISOString());
    const partner = await store.get(partly, alertIdFor(partQualification, 'partner'));
    expect(partner).toMatchObject({ status: 'pending', owner: { id: 'kim', name: 'Kim Lee' }, restoredAt: undefined });
    expect(await redis.client.get(teamCursorKey(team))).toBe(cursor);
    expect(await redis.client.zscore(DUE_KEY, `${partly}|${alertIdFor(partQualification, 'partner')}`)).not.toBeNull();
    // The one never delivered is queued on every channel.
    expect(await use.execute(qualified(pending, pendingQualification), newMessageTrace())).toBe('processed');
    const queued = await store.forLead(pending);
    expect(queued.map(({ record }) => [record.channelId, record.status, record.restoredAt])).toEqual([
      ['crm', 'pending', undefined],
      ['partner', 'pending', undefined],
    ]);
  }, 120_000);
});
