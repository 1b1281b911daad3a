import { Injectable } from '@nestjs/common';
import { DependencyUnavailableError } from '@baton/kafka';
import { isRedisUnavailable, leadKey, RedisConnection } from '@baton/redis';

const DELIVERED_TTL_SECONDS = 30 * 24 * 3600;

/** Which alerts were delivered, per lead and alert id, so a redelivered qualification is not sent twice. */
@Injectable()
export class RedisAlertStore {
  constructor(private readonly redis: RedisConnection) {}

  async wasDelivered(leadId: string, alertId: string): Promise<boolean> {
    return (await this.call(() => this.redis.client.exists(leadKey(leadId, 'alert', alertId)))) === 1;
  }

  async markDelivered(leadId: string, alertId: string, deliveredAt: string): Promise<void> {
    await this.call(() => this.redis.client.set(leadKey(leadId, 'alert', alertId), deliveredAt, 'EX', DELIVERED_TTL_SECONDS));
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      throw isRedisUnavailable(error) ? new DependencyUnavailableError('redis', error) : error;
    }
  }
}
