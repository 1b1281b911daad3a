import { Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { KafkaConnection } from '@baton/kafka';
import { RedisConnection } from '@baton/redis';
import { BatonMetrics } from './baton-metrics';

/**
 * Counts the service's client errors where the clients tell: the Redis client's `error` events and failed
 * produce calls. Optional, so that a service without Redis or Kafka still gets its metrics.
 */
@Injectable()
export class ClientErrorMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: BatonMetrics,
    @Optional() private readonly kafka?: KafkaConnection,
    @Optional() private readonly redis?: RedisConnection,
  ) {}

  onModuleInit(): void {
    const service = this.metrics.service;
    this.kafka?.producer.onError(() => this.metrics.kafkaClientErrors.inc({ service }));
    // A listener also keeps ioredis from printing every reconnect failure as an "unhandled error event".
    this.redis?.client.on('error', () => this.metrics.redisClientErrors.inc({ service }));
  }
}
