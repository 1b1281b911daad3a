import { Kafka, logLevel, type Admin, type Consumer } from 'kafkajs';
import { LifecycleEnv, loadConfig } from '@baton/config';
import { SCORE_CHANGES_TOPIC } from '@baton/contracts';
import { ensureTopics } from '@baton/kafka';
import { uniqueId, waitFor } from '@baton/testing';
import { RebuildRefusedError, skipReplayedScoreChanges } from '../skip-replayed-score-changes';

describe('lifecycle rebuild against the real Kafka', () => {
  const config = loadConfig(LifecycleEnv, { ...process.env, KAFKA_CONSUMER_GROUP: uniqueId('lifecycle-rebuild-test') }, 'lifecycle');
  const kafka = new Kafka({ clientId: 'lifecycle-rebuild-test', brokers: config.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  let admin: Admin;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await ensureTopics(kafka, [SCORE_CHANGES_TOPIC], { partitions: config.KAFKA_TOPIC_PARTITIONS, replicationFactor: config.KAFKA_TOPIC_REPLICATION_FACTOR });
  });

  afterAll(async () => {
    await admin?.disconnect();
  });

  it('should move the group to the end of score-changes, counting what it skipped', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const before = await admin.fetchTopicOffsets(SCORE_CHANGES_TOPIC);
    await admin.setOffsets({ groupId: config.KAFKA_CONSUMER_GROUP, topic: SCORE_CHANGES_TOPIC, partitions: before.map(({ partition, high }) => ({ partition, offset: high })) });
    await producer.send({ topic: SCORE_CHANGES_TOPIC, messages: Array.from({ length: 5 }, (_, index) => ({ key: uniqueId(`lead-${index}`), value: '{}' })) });
    await producer.disconnect();

    const { skipped } = await skipReplayedScoreChanges(config, admin);

    expect(skipped).toBeGreaterThanOrEqual(5);
    const ends = await admin.fetchTopicOffsets(SCORE_CHANGES_TOPIC);
    const [committed] = await admin.fetchOffsets({ groupId: config.KAFKA_CONSUMER_GROUP, topics: [SCORE_CHANGES_TOPIC] });
    expect(new Map(committed?.partitions.map(({ partition, offset }) => [partition, offset]))).toEqual(new Map(ends.map(({ partition, high }) => [partition, high])));
  });

  it('should refuse while a lifecycle instance is in the group', async () => {
    const consumer: Consumer = kafka.consumer({ groupId: config.KAFKA_CONSUMER_GROUP });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      joined = true;
    });
    await consumer.connect();
    await consumer.subscribe({ topic: SCORE_CHANGES_TOPIC });
    await consumer.run({ eachMessage: async () => undefined });
    try {
      await waitFor('the consumer to join', () => (joined ? true : undefined), 30_000);
      const refusal = await skipReplayedScoreChanges(config, admin).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(RebuildRefusedError);
      expect((refusal as RebuildRefusedError).code).toBe('LIFECYCLE.REBUILD_REFUSED');
      expect((refusal as Error).message).toContain('1 running member(s)');
    } finally {
      await consumer.disconnect();
    }
  });
});
