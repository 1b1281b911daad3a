import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { kafkaSecurityOf, type KafkaSecuritySettings } from './kafka-security';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId: string;
  /** TLS and SASL (README, "Configuration"); none for a local broker. */
  readonly security?: KafkaSecuritySettings;
}

export function parseBrokers(list: string): string[] {
  return list.split(',').map((broker) => broker.trim()).filter((broker) => broker.length > 0);
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
        if (level === logLevel.ERROR) logger.error(line);
        else logger.warn(line);
      },
  });
}
