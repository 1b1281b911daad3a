import { Logger } from '@nestjs/common';
import type { NotifierEnv } from '@baton/config';
import { newMessageTrace } from '@baton/telemetry';
import type { AlertChannel, AttemptResult } from '../../channels/channel';
import { qualification } from '../../channels/slack/__tests__/alert.fixture';
import { AttemptRunner } from '../attempt.runner';
import type { SendableRecord } from '../delivery-record';
import type { DeliveryMetrics } from '../delivery.metrics';
import type { DeliveryPublisher } from '../delivery.publisher';
import type { DeliveryStore } from '../delivery.store';

describe('AttemptRunner', () => {
  let calls: unknown[][];
  let runner: AttemptRunner;

  const record = (overrides: Partial<SendableRecord> = {}): SendableRecord => ({
    alertId: 'alert_q-1_crm',
    leadId: 'lead-42',
    qualificationId: 'q-1',
    channelId: 'crm',
    qualification: qualification(),
    status: 'pending',
    attempts: 0,
    createdAt: '2026-12-06T10:00:00.000Z',
    deadline: Date.now() + 60_000,
    announced: false,
    trace: newMessageTrace(),
    ...overrides,
  });

  const channel = (send: () => Promise<AttemptResult>): AlertChannel => ({ id: 'crm', type: 'webhook', maxConcurrency: 1, timeoutMs: 1000, send });

  const names = (): unknown[] => calls.map(([name]) => name);

  beforeEach(() => {
    calls = [];
    const recorder =
      (name: string) =>
      (...args: unknown[]) => {
        calls.push([name, ...args]);
        return Promise.resolve(true);
      };
    const store = {
      recordAttempt: recorder('recordAttempt'),
      scheduleAt: recorder('scheduleAt'),
      removeFromQueue: recorder('removeFromQueue'),
      recordGivenUp: recorder('recordGivenUp'),
      moveToDeadLetters: recorder('moveToDeadLetters'),
    } as unknown as DeliveryStore;
    const publisher = { publishDelivered: recorder('publishDelivered'), publishDeadLetter: recorder('publishDeadLetter') } as unknown as DeliveryPublisher;
    const metrics = { attempt: () => undefined, delivered: () => undefined, deadLettered: () => undefined } as unknown as DeliveryMetrics;
    runner = new AttemptRunner({ NOTIFIER_RETRY_BACKOFF_MS: 100 } as NotifierEnv, store, publisher, metrics);
    for (const level of ['log', 'warn', 'error'] as const) jest.spyOn(Logger.prototype, level).mockImplementation(() => undefined);
  });

  afterEach(() => jest.restoreAllMocks());

  it('should record the delivery, announce it and take it off the queue when the receiver answers 2xx', async () => {
    await runner.run(
      record(),
      channel(() => Promise.resolve({ kind: 'status', status: 204 })),
    );

    expect(names()).toEqual(['recordAttempt', 'publishDelivered', 'removeFromQueue']);
    expect(calls[0]?.[4]).toEqual({ status: 'delivered', deliveredAt: expect.any(String) as string, lastResult: 'HTTP 204' });
    expect(calls[1]?.[1]).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('should schedule a retry, at least Retry-After away, when the receiver answers 503 within the retry period', async () => {
    const before = Date.now();
    await runner.run(
      record(),
      channel(() => Promise.resolve({ kind: 'status', status: 503, retryAfterMs: 5000 })),
    );

    expect(names()).toEqual(['recordAttempt', 'scheduleAt']);
    expect(calls[0]?.[4]).toEqual({ status: 'retrying', lastResult: 'HTTP 503' });
    expect(calls[1]?.[3]).toBeGreaterThanOrEqual(before + 5000);
  });

  it('should retry a send that throws as a network failure', async () => {
    await runner.run(
      record(),
      channel(() => Promise.reject(new Error('socket hang up'))),
    );

    expect(names()).toEqual(['recordAttempt', 'scheduleAt']);
    expect(calls[0]?.[3]).toMatchObject({ outcome: 'retry', reason: 'socket hang up' });
  });

  it('should dead-letter with the reason when the next retry would fall after the retry period', async () => {
    await runner.run(
      record({ attempts: 4, deadline: Date.now() }),
      channel(() => Promise.resolve({ kind: 'status', status: 500 })),
    );

    expect(names()).toEqual(['recordAttempt', 'recordGivenUp', 'publishDeadLetter', 'moveToDeadLetters']);
    expect(calls[0]?.[4]).toEqual({});
    expect(calls[2]?.[2]).toBe('not delivered within the retry period after 5 attempts, last: HTTP 500');
  });

  it('should dead-letter at once when the receiver refuses the alert', async () => {
    await runner.run(
      record(),
      channel(() => Promise.resolve({ kind: 'status', status: 400 })),
    );

    expect(names()).toEqual(['recordAttempt', 'recordGivenUp', 'publishDeadLetter', 'moveToDeadLetters']);
    expect(calls[1]?.[3]).toBe('crm refused the alert: HTTP 400');
  });

  it('should announce, then dequeue, a delivered alert found in the queue', async () => {
    await runner.finishDelivered({ ...record(), status: 'delivered', announced: true });

    expect(names()).toEqual(['publishDelivered', 'removeFromQueue']);
  });
});
