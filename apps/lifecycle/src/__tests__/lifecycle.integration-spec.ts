import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { LifecycleEnv, loadConfig } from '@baton/config';
import { LEAD_QUALIFIED_TOPIC, SCORE_CHANGES_TOPIC, type LeadQualifiedV1, type ScoreChangedV1 } from '@baton/contracts';
import { ConsumerHost } from '@baton/kafka';
import { TopicReader, uniqueId, waitFor } from '@baton/testing';
import { LifecycleModule } from '../lifecycle.module';
import { RedisStageStore } from '../qualify-lead/redis-stage.store';

describe('lifecycle service against the real Kafka and Redis', () => {
  let app: INestApplication;
  let producer: Producer;
  let qualified: TopicReader;

  const brokers = (): string => process.env['KAFKA_BROKERS'] as string;
  const change = (leadId: string, score: number, delta = 10): ScoreChangedV1 => {
    const id = uniqueId('evt');
    return {
      scoreChangeId: `sc-${id}`,
      leadId,
      causeEventId: id,
      causeEventType: 'page_view',
      score,
      delta,
      engagement: score,
      fit: 0,
      grade: 'D',
      firedRules: [{ ruleId: 'page_view', points: delta }],
      engagementRules: [{ ruleId: 'page_view', points: score }],
      fitRules: [],
      modelVersion: 'test-1',
      occurredAt: '2026-11-24T10:00:00Z',
      scoredAt: '2026-11-24T10:00:01Z',
    };
  };
  const send = async (...changes: ScoreChangedV1[]): Promise<void> => {
    await producer.send({ topic: SCORE_CHANGES_TOPIC, acks: -1, messages: changes.map((c) => ({ key: c.leadId, value: JSON.stringify(c) })) });
  };

  beforeAll(async () => {
    const config = loadConfig(LifecycleEnv, { ...process.env, KAFKA_CONSUMER_GROUP: uniqueId('lifecycle-test'), LIFECYCLE_MQL_THRESHOLD: '50' }, 'lifecycle');
    app = await NestFactory.create(LifecycleModule.forRoot(config), { logger: ['error', 'warn'] });
    await app.init();
    await app.get(ConsumerHost).consumer.waitUntilMember(30_000);
    producer = new Kafka({ clientId: 'lifecycle-test', brokers: brokers().split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    qualified = await TopicReader.start(brokers(), LEAD_QUALIFIED_TOPIC);
  });

  afterAll(async () => {
    await Promise.all([qualified?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('should qualify a lead once when its score crosses the threshold, and not again when it dips and rises', async () => {
    const leadId = uniqueId('lead');
    const crossing = change(leadId, 55);
    await send(change(leadId, 20), change(leadId, 45), crossing, change(leadId, 30, -25), change(leadId, 80));
    const [event] = await qualified.waitForKey<LeadQualifiedV1>(leadId, 1);
    expect(event).toMatchObject({ leadId, stage: 'mql', previousStage: 'visitor', score: 55, causeEventId: crossing.causeEventId, reason: { kind: 'score_threshold', threshold: 50, score: 55 } });
    const marker = uniqueId('lead');
    await send(change(marker, 60));
    await qualified.waitForKey(marker, 1);
    expect(qualified.valuesFor(leadId)).toHaveLength(1);
    const store = app.get(RedisStageStore);
    expect(await store.stageOf(leadId)).toBe('mql');
    const history = (await store.history(leadId)).map((entry) => JSON.parse(entry) as { from: string; to: string; cause: { eventId: string } });
    expect(history).toEqual([expect.objectContaining({ from: 'visitor', to: 'mql', cause: expect.objectContaining({ eventId: crossing.causeEventId }) })]);
  });

  it('should not qualify a lead on fit alone: the threshold is on engagement', async () => {
    const leadId = uniqueId('lead');
    await send({ ...change(leadId, 90), engagement: 10, fit: 80, grade: 'A' });
    const marker = uniqueId('lead');
    await send(change(marker, 60));
    await qualified.waitForKey(marker, 1);
    expect(qualified.valuesFor(leadId)).toHaveLength(0);
    expect(await app.get(RedisStageStore).stageOf(leadId)).toBe('visitor');
  });

  it('should emit one LeadQualified when the qualifying change is redelivered', async () => {
    const leadId = uniqueId('lead');
    const crossing = change(leadId, 70);
    await send(crossing, crossing, crossing);
    await qualified.waitForKey(leadId, 1);
    await waitFor('redeliveries to be processed', async () => ((await app.get(RedisStageStore).stageOf(leadId)) === 'mql' ? true : undefined));
    const marker = uniqueId('lead');
    await send(change(marker, 60));
    await qualified.waitForKey(marker, 1);
    expect(qualified.valuesFor(leadId)).toHaveLength(1);
  });
});
