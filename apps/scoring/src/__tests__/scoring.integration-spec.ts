import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { loadConfig, ScoringEnv } from '@baton/config';
import { DEAD_LETTER_HEADERS, ENGAGEMENT_EVENTS_TOPIC, SCORE_CHANGES_TOPIC, SCORING_DEAD_LETTER_TOPIC, type EngagementEventV1, type ScoreChangedV1 } from '@baton/contracts';
import { ConsumerHost } from '@baton/kafka';
import { DEFAULT_POINTS_TABLE, scoreEvents } from '@baton/scoring-domain';
import { TopicReader, uniqueId, waitFor } from '@baton/testing';
import { RedisScoreStore } from '../score-event/redis-score.store';
import { ScoringModule } from '../scoring.module';

describe('scoring service against the real Kafka and Redis', () => {
  let app: INestApplication;
  let producer: Producer;
  let changes: TopicReader;
  let deadLetters: TopicReader;

  const brokers = (): string => process.env['KAFKA_BROKERS'] as string;
  const event = (leadId: string, type: string, eventId = uniqueId('evt')): EngagementEventV1 => ({ eventId, leadId, type, occurredAt: '2026-11-24T10:00:00Z' });
  const send = async (...events: EngagementEventV1[]): Promise<void> => {
    await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: events.map((e) => ({ key: e.leadId, value: JSON.stringify(e) })) });
  };

  beforeAll(async () => {
    const config = loadConfig(ScoringEnv, { ...process.env, KAFKA_CONSUMER_GROUP: uniqueId('scoring-test'), LOG_LEVEL: 'warn' }, 'scoring');
    app = await NestFactory.create(ScoringModule.forRoot(config), { logger: ['error', 'warn'] });
    await app.init();
    await app.get(ConsumerHost).consumer.waitUntilMember(30_000);
    producer = new Kafka({ clientId: 'scoring-test', brokers: brokers().split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    changes = await TopicReader.start(brokers(), SCORE_CHANGES_TOPIC);
    deadLetters = await TopicReader.start(brokers(), SCORING_DEAD_LETTER_TOPIC);
  });

  afterAll(async () => {
    await Promise.all([changes?.stop(), deadLetters?.stop(), producer?.disconnect()]);
    await app?.close();
  });

  it('should score a sequence of events to what the pure model computes', async () => {
    const leadId = uniqueId('lead');
    const events = ['page_view', 'content_download', 'unsubscribed', 'demo_requested', 'page_view', 'no_such_type'].map((type) => event(leadId, type));
    await send(...events);
    const expected = scoreEvents(events, DEFAULT_POINTS_TABLE);
    const store = app.get(RedisScoreStore);
    await waitFor('the final score', async () => ((await store.currentScore(leadId)) === expected ? true : undefined));
    const emitted = await changes.waitForKey<ScoreChangedV1>(leadId, 5);
    expect(emitted.at(-1)).toMatchObject({ leadId, score: expected, modelVersion: DEFAULT_POINTS_TABLE.modelVersion });
  });

  it('should count an event sent twice once, and emit its change once', async () => {
    const leadId = uniqueId('lead');
    const demo = event(leadId, 'demo_requested');
    await send(demo, demo);
    await send(demo);
    const marker = event(leadId, 'page_view');
    await send(marker);
    const emitted = await changes.waitForKey<ScoreChangedV1>(leadId, 2);
    expect(emitted.map((change) => [change.causeEventId, change.score])).toEqual([
      [demo.eventId, 40],
      [marker.eventId, 45],
    ]);
    expect(await app.get(RedisScoreStore).currentScore(leadId)).toBe(45);
  });

  it('should dead-letter a poison message with its reason and go on with the partition', async () => {
    const leadId = uniqueId('lead');
    await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: [{ key: leadId, value: '{"not":"an event"' }] });
    await producer.send({ topic: ENGAGEMENT_EVENTS_TOPIC, acks: -1, messages: [{ key: leadId, value: JSON.stringify({ ...event(leadId, 'page_view'), occurredAt: 'yesterday' }) }] });
    const after = event(leadId, 'content_download');
    await send(after);
    const dead = await waitFor('two dead letters', () => {
      const found = deadLetters.messages.filter((message) => message.key === leadId);
      return found.length >= 2 ? found : undefined;
    });
    expect(dead[0]?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^SCORING.INVALID_EVENT: .*not valid JSON/);
    expect(dead[1]?.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/occurredAt/);
    expect(dead[0]?.headers[DEAD_LETTER_HEADERS.sourceTopic]).toBe(ENGAGEMENT_EVENTS_TOPIC);
    const [change] = await changes.waitForKey<ScoreChangedV1>(leadId, 1);
    expect(change).toMatchObject({ causeEventId: after.eventId, score: 15 });
  });
});
