import { randomUUID } from 'node:crypto';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import {
  DEAD_LETTER_HEADERS,
  ENGAGEMENT_EVENTS_TOPIC,
  LEAD_PROFILES_TOPIC,
  LEAD_QUALIFIED_TOPIC,
  LIFECYCLE_DEAD_LETTER_TOPIC,
  NOTIFIER_DEAD_LETTER_TOPIC,
  SALES_FEEDBACK_TOPIC,
  SCORE_CHANGES_TOPIC,
  SCORING_DEAD_LETTER_TOPIC,
} from '@baton/contracts';
import { BatonSystem, TopicReader, uniqueId, waitFor, WebhookReceiver } from '@baton/testing';

// Every topic a service consumes, with the dead-letter topic of that service.
const CONSUMED = [
  { topic: ENGAGEMENT_EVENTS_TOPIC, deadLetters: SCORING_DEAD_LETTER_TOPIC },
  { topic: LEAD_PROFILES_TOPIC, deadLetters: SCORING_DEAD_LETTER_TOPIC },
  { topic: SCORE_CHANGES_TOPIC, deadLetters: LIFECYCLE_DEAD_LETTER_TOPIC },
  { topic: SALES_FEEDBACK_TOPIC, deadLetters: LIFECYCLE_DEAD_LETTER_TOPIC },
  { topic: LEAD_QUALIFIED_TOPIC, deadLetters: NOTIFIER_DEAD_LETTER_TOPIC },
] as const;

/**
 * Messages no service can process, on every topic a service consumes: bytes that are not JSON, JSON of the wrong
 * shape, a message of a later contract version (renamed fields), an enormous one (900 kB) and one without a value.
 * Each goes to its consumer's dead-letter topic with the reason, untouched; the good messages behind them, on the
 * same partitions (same key), are processed all the way to the lead's alert.
 */
describe('poison messages on every consumed topic', () => {
  const secret = BatonSystem.newWebhookSecret();
  const system = new BatonSystem();
  let receiver: WebhookReceiver;
  let producer: Producer;
  const readers = new Map<string, TopicReader>();

  beforeAll(async () => {
    const brokers = process.env['KAFKA_BROKERS'] as string;
    receiver = await WebhookReceiver.start(secret);
    producer = new Kafka({ clientId: 'poison-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    for (const topic of new Set(CONSUMED.map((entry) => entry.deadLetters))) readers.set(topic, await TopicReader.start(brokers, topic));
    await system.start({ webhookUrl: receiver.url, webhookSecret: secret, consumerGroupPrefix: uniqueId('baton-poison'), logPrefix: 'poison', env: { CONSUMER_MAX_ATTEMPTS: '2' } });
  });

  afterAll(async () => {
    await system.stop();
    await Promise.all([receiver?.stop(), producer?.disconnect(), ...[...readers.values()].map((reader) => reader.stop())]);
  });

  it('should dead-letter each with its reason and process the good messages behind them', async () => {
    const leadId = uniqueId('lead-poison');
    const now = new Date().toISOString();
    const poisons: { name: string; value: string | null }[] = [
      { name: 'not JSON', value: '{"eventId": "e-1", "leadId": ' },
      { name: 'wrong shape', value: JSON.stringify({ hello: 'world' }) },
      { name: 'a later contract version', value: JSON.stringify({ schemaVersion: 2, id: randomUUID(), lead: { id: leadId }, kind: 'page_view', at: now }) },
      { name: 'enormous', value: JSON.stringify({ leadId, padding: 'x'.repeat(900_000) }) },
      { name: 'no value', value: null },
    ];
    for (const { topic } of CONSUMED) {
      await producer.send({ topic, acks: -1, messages: poisons.map(({ name, value }) => ({ key: leadId, value, headers: { 'poison-test': name } })) });
    }
    // Behind them, on the same partitions: what qualifies the lead, and a feedback filed under the wrong key.
    await producer.send({
      topic: LEAD_PROFILES_TOPIC,
      acks: -1,
      messages: [{ key: leadId, value: JSON.stringify({ updateId: randomUUID(), leadId, updatedAt: now, traits: { jobTitle: 'VP Marketing' } }) }],
    });
    await producer.send({
      topic: ENGAGEMENT_EVENTS_TOPIC,
      acks: -1,
      messages: ['content_download', 'demo_requested'].map((type) => ({ key: leadId, value: JSON.stringify({ eventId: randomUUID(), leadId, type, occurredAt: now }) })),
    });
    const stranger = uniqueId('lead-unknown');
    await producer.send({
      topic: SALES_FEEDBACK_TOPIC,
      acks: -1,
      messages: [{ key: leadId, value: JSON.stringify({ feedbackId: randomUUID(), leadId: stranger, outcome: 'accepted', by: 'rep-1', givenAt: now }) }],
    });

    // The pipeline went on past every poison message: the lead was scored, qualified and alerted.
    await waitFor(`an alert for ${leadId}`, () => receiver.deliveriesFor(leadId)[0], 90_000);

    for (const { topic, deadLetters } of CONSUMED) {
      const reader = readers.get(deadLetters) as TopicReader;
      const found = await waitFor(
        `the poison messages of ${topic} on ${deadLetters}`,
        () => {
          const mine = reader.messages.filter((message) => message.key === leadId && message.headers[DEAD_LETTER_HEADERS.sourceTopic] === topic && message.headers['poison-test'] !== undefined);
          return mine.length >= poisons.length ? mine : undefined;
        },
        60_000,
      );
      expect(found.map((message) => message.headers['poison-test']).sort()).toEqual(poisons.map((poison) => poison.name).sort());
      for (const message of found) {
        const poison = poisons.find((entry) => entry.name === message.headers['poison-test']);
        // Untouched (the reader shows a missing value as ''), with a reason that says what is wrong.
        expect({ topic, poison: poison?.name, same: message.value === (poison?.value ?? '') }).toEqual({ topic, poison: poison?.name, same: true });
        expect({ topic, poison: poison?.name, reason: message.headers[DEAD_LETTER_HEADERS.reason] }).toEqual({
          topic,
          poison: poison?.name,
          reason: expect.stringMatching(/JSON|must|no value|required|should/i),
        });
      }
    }
    // The feedback behind the poison ones was read and refused for what it is.
    const refused = await waitFor(
      'the mis-keyed feedback on the dead-letter topic',
      () => (readers.get(LIFECYCLE_DEAD_LETTER_TOPIC) as TopicReader).messages.find((message) => message.value.includes(stranger)),
      30_000,
    );
    expect(refused.headers[DEAD_LETTER_HEADERS.reason]).toMatch(/^LIFECYCLE\.KEY_MISMATCH/);
    expect(receiver.deliveriesFor(leadId)).toHaveLength(1);
  });
});
