import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RedisConnection } from '@baton/redis';
import { ApiKeyGuard, DEFAULT_RATE_LIMIT } from './api-key.guard';
import { ApiKeyStore, type RateLimit } from './api-key.store';
import { RateLimiter } from './rate-limiter';

/** Closes every route of the service behind API keys (needs the app's RedisModule). */
@Module({})
export class ApiAuthModule {
  static forRoot(defaultLimit: RateLimit): DynamicModule {
    return {
      module: ApiAuthModule,
      providers: [
        { provide: DEFAULT_RATE_LIMIT, useValue: defaultLimit },
        { provide: ApiKeyStore, inject: [RedisConnection], useFactory: (redis: RedisConnection) => new ApiKeyStore(redis.client) },
        { provide: RateLimiter, inject: [RedisConnection], useFactory: (redis: RedisConnection) => new RateLimiter(redis.client) },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
    };
  }
}
