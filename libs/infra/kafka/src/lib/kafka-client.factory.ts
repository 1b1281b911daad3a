import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { kafkaSecurityOf, type KafkaSecuritySettings } from './kafka-security';

// kafkajs' table of the broker's error codes (not in its public API): which answers it retries.
const { errorCodes } = require('kafkajs/src/protocol/error') as { errorCodes: readonly { message: string; retriable: boolean }[] };
const TRANSIENT_ANSWERS: readonly string[] = errorCodes.filter((code) => code.retriable).map((code) => code.message);

/**
 * Whether a kafkajs error line reports a broker answer it retries (a leader moving, a coordinator loading): kafkajs
 * logs those at error level, though nothing failed, so they are logged as warnings.
 */
export function reportsTransientAnswer(log: { readonly message?: unknown; readonly error?: unknown }): boolean {
  const text = `${typeof log.message === 'string' ? log.message : ''} ${typeof log.error === 'string' ? log.error : ''}`;
  return TRANSIENT_ANSWERS.some((answer) => text.includes(answer));
}

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** TLS and SASL (docs/configuration.md, "Configuration"); none for a local broker. */
  readonly security?: KafkaSecuritySettings;
}

export function parseBrokers(list: string): string[] {
  return list
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker.length > 0);
}

/** A kafkajs client whose own logs go through Nest's logger, warnings and errors only. */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    ...(options.security === undefined ? {} : kafkaSecurityOf(options.security)),
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const line = `${message} ${JSON.stringify(extra)}`;
        if (level === logLevel.ERROR && !reportsTransientAnswer(log)) logger.error(line);
        else logger.warn(line);
      },
  });
}
