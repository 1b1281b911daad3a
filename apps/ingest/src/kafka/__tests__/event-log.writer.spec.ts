import { Logger } from '@nestjs/common';
import type { IngestEnv } from '@baton/config';
import { ProduceTimeoutError, type EventProducer, type OutgoingMessage } from '@baton/kafka';
import { EventLogUnavailableError, EventLogWriter } from '../event-log.writer';

describe('EventLogWriter', () => {
  const config = { INGEST_PRODUCE_TIMEOUT_MS: 250 } as IngestEnv;
  const message: OutgoingMessage = { key: 'lead-1', value: '{"traits":{"email":"ada@example.com"}}' };

  it('should produce with the configured timeout and resolve once Kafka acknowledged', async () => {
    const send = jest.fn().mockResolvedValue(undefined);
    await new EventLogWriter({ send } as unknown as EventProducer, config).write('baton.topic.v1', [message]);
    expect(send).toHaveBeenCalledWith('baton.topic.v1', [message], 250);
  });

  it('should turn a timeout or a refusal into EventLogUnavailableError, logging no payload', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    for (const failure of [new ProduceTimeoutError(250), new Error('broker refused')]) {
      const send = jest.fn().mockRejectedValue(failure);
      const writing = new EventLogWriter({ send } as unknown as EventProducer, config).write('baton.topic.v1', [message]);
      await expect(writing).rejects.toBeInstanceOf(EventLogUnavailableError);
      await expect(writing).rejects.toMatchObject({ code: 'INGEST.EVENT_LOG_UNAVAILABLE', message: expect.stringContaining(failure.message) });
    }
    expect(logged).toHaveBeenCalledTimes(2);
    expect(logged.mock.calls.flat().join(' ')).not.toContain('ada@example.com');
    logged.mockRestore();
  });
});
