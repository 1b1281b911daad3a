import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureTopics } from '@baton/kafka';
import { OwnInfrastructure } from '@baton/testing';

const TOPICS = Array.from({ length: 8 }, (_, index) => `baton.test.fresh-${index}`);

/**
 * On a broker that just started, a new topic's metadata names its leader seconds before that broker serves the
 * partitions (NOT_LEADER_OR_FOLLOWER meanwhile): ensureTopics must return only once they are served.
 */
describe('ensureTopics on a broker that just started', () => {
  let infra: OwnInfrastructure;

  beforeAll(async () => {
    infra = await OwnInfrastructure.start(mkdtempSync(join(tmpdir(), 'baton-fresh-broker-')));
  }, 120_000);

  afterAll(async () => {
    await infra?.stop();
  });

  it('should return only once every partition answers: offsets and a produce without retries succeed at once', async () => {
    // No retries anywhere: any "not now" from the broker fails the test.
    const kafka = new Kafka({ clientId: 'topic-admin-test', brokers: [infra.kafkaBrokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    expect(await ensureTopics(kafka, TOPICS, { partitions: 6, replicationFactor: 1 })).toEqual(TOPICS);

    const admin = kafka.admin();
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      for (const topic of TOPICS) expect((await admin.fetchTopicOffsets(topic)).map(({ high }) => high)).toEqual(['0', '0', '0', '0', '0', '0']);
      await producer.sendBatch({ acks: -1, topicMessages: TOPICS.map((topic) => ({ topic, messages: Array.from({ length: 6 }, (_, partition) => ({ partition, value: 'served' })) })) });
    } finally {
      await Promise.all([admin.disconnect(), producer.disconnect()]);
    }
  });
});
