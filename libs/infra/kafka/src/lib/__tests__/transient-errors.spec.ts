import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { reportsTransientAnswer } from '../kafka-client.factory';
import { isTransientKafkaError, retryTransient } from '../transient-errors';

// kafkajs builds protocol errors from the broker's codes (an error carrying type, code and retriable); these are the
// ones a fresh or electing broker answers.
const brokerAnswer = (type: string, code: number, retriable: boolean, message: string): KafkaJSProtocolError => new KafkaJSProtocolError(Object.assign(new Error(message), { type, code, retriable }));
const notLeader = (): KafkaJSProtocolError => brokerAnswer('NOT_LEADER_FOR_PARTITION', 6, true, 'This server is not the leader for that topic-partition');
const topicExists = (): KafkaJSProtocolError => brokerAnswer('TOPIC_ALREADY_EXISTS', 36, false, 'Topic with this name already exists');

describe('isTransientKafkaError', () => {
  it('takes a retriable broker answer, a dropped connection and kafkajs giving up on one for transient', () => {
    expect(isTransientKafkaError(notLeader())).toBe(true);
    expect(isTransientKafkaError(new KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBe(true);
    expect(isTransientKafkaError(new KafkaJSNumberOfRetriesExceeded(notLeader(), { retryCount: 5, retryTime: 1000 }))).toBe(true);
  });

  it('leaves everything else to the caller', () => {
    expect(isTransientKafkaError(topicExists())).toBe(false);
    expect(isTransientKafkaError(new KafkaJSNonRetriableError('Invalid topic'))).toBe(false);
    expect(isTransientKafkaError(new Error('not from kafkajs'))).toBe(false);
    expect(isTransientKafkaError(Object.assign(new Error('retriable, but not a broker answer'), { retriable: true }))).toBe(false);
    expect(isTransientKafkaError(undefined)).toBe(false);
  });
});

describe('retryTransient', () => {
  it('asks again while the broker answers transiently, and returns the answer', async () => {
    let calls = 0;
    const answer = await retryTransient(
      async () => {
        calls += 1;
        if (calls < 3) throw notLeader();
        return 'served';
      },
      { initialBackoffMs: 1 },
    );
    expect({ answer, calls }).toEqual({ answer: 'served', calls: 3 });
  });

  it('gives any other error to the caller at once', async () => {
    let calls = 0;
    await expect(
      retryTransient(async () => {
        calls += 1;
        throw topicExists();
      }),
    ).rejects.toThrow('Topic with this name already exists');
    expect(calls).toBe(1);
  });

  it('gives the transient error to the caller once its time is up', async () => {
    let calls = 0;
    await expect(
      retryTransient(
        async () => {
          calls += 1;
          throw notLeader();
        },
        { timeoutMs: 50, initialBackoffMs: 5 },
      ),
    ).rejects.toThrow('not the leader');
    expect(calls).toBeGreaterThan(1);
  });
});

describe('reportsTransientAnswer', () => {
  it('takes the lines of broker answers kafkajs retries for transient, as it logs them', () => {
    expect(reportsTransientAnswer({ message: 'Response InitProducerId(key: 22, version: 1)', error: "The coordinator is loading and hence can't process requests for this group" })).toBe(true);
    expect(reportsTransientAnswer({ message: 'Failed to send messages: This server is not the leader for that topic-partition' })).toBe(true);
  });

  it('leaves every other error line an error', () => {
    expect(reportsTransientAnswer({ message: 'Response CreateTopics(key: 19, version: 3)', error: 'Topic with this name already exists' })).toBe(false);
    expect(reportsTransientAnswer({ message: 'Crash: KafkaJSNonRetriableError: Invalid topic' })).toBe(false);
  });
});
