export {
  BatchConsumer,
  type BatchConsumerOptions,
  type BatchMessageHandler,
  type ConsumedMessage,
  type ConsumerLogger,
  type ConsumerObserver,
  type HandlerOutcome,
  type MessageHandler,
  type RejectedMessage,
} from './lib/batch-consumer';
export { EventProducer, ProduceTimeoutError, type OutgoingMessage } from './lib/event-producer';
export { createKafkaClient, parseBrokers, type KafkaClientOptions } from './lib/kafka-client.factory';
export { kafkaSecurityOf, type KafkaSecuritySettings } from './lib/kafka-security';
export { ensureTopics, type TopicSettings } from './lib/topic-admin';
export { ConsumerHost, KafkaConnection, KafkaModule, type KafkaConnectionOptions } from './lib/kafka.module';
export { decodeLeadMessage } from './lib/decode-lead-message';
export { readTopicToEnd } from './lib/read-topic-to-end';
export { createAdmin, isTransientKafkaError, retryTransient, type TransientRetryOptions } from './lib/transient-errors';
