import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { createRedisClient, type RedisSecuritySettings } from './redis-client.factory';

export const REDIS_OPTIONS = Symbol('REDIS_OPTIONS');

export interface RedisOptions {
  readonly url: string;
  readonly connectionName: string;
  readonly security?: RedisSecuritySettings;
}

/** Owns the service's Redis client: connected before the app serves, closed after consumers stopped. */
@Injectable()
export class RedisConnection implements OnModuleInit, OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(REDIS_OPTIONS) options: RedisOptions) {
    this.client = createRedisClient(options.url, options.connectionName, options.security);
  }

  async onModuleInit(): Promise<void> {
    await this.client.connect();
  }

  get isReady(): boolean {
    return this.client.status === 'ready';
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

@Module({})
export class RedisModule {
  static forRoot(options: RedisOptions): DynamicModule {
    return {
      module: RedisModule,
      global: true,
      providers: [{ provide: REDIS_OPTIONS, useValue: options }, RedisConnection],
      exports: [RedisConnection],
    };
  }
}
