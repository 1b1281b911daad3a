export { leadKey } from './lib/lead-key';
export { LuaScript } from './lib/lua-script';
export { createRedisClient, isRedisUnavailable, redisSecurityOf, type RedisSecuritySettings } from './lib/redis-client.factory';
export { RedisConnection, RedisModule, type RedisOptions } from './lib/redis.module';
export { callRedis } from './lib/call-redis';
export { deleteKeysMatching } from './lib/delete-keys-matching';
export * from './lib/cause-ledger';
