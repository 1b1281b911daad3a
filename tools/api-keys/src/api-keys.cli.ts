import Redis from 'ioredis';
import { ApiKeyStore } from '@baton/api-auth';
import { redisSecurityOf } from '@baton/redis';
import { printCliResult, refusedArgsResult, type CliEnv, type CliResult } from '@baton/cli-kit';
import { formatCreatedKey, formatKeyList, formatRevokedKey } from './format-api-keys';
import { parseApiKeysArgs, redactUrl, REDIS_URL_VARIABLE, USAGE, type ApiKeysCommand } from './parse-api-keys-args';

export type { CliResult } from '@baton/cli-kit';

/**
 * `api-keys create | list | revoke KEY_ID [--redis-url URL]`: the API keys of every service, in the Redis they
 * share. Exit 2 on bad arguments (with the usage), 1 when Redis cannot be reached or the key id is unknown.
 */
export async function runApiKeysCli(argv: readonly string[], env: CliEnv = process.env): Promise<CliResult> {
  const parsed = parseApiKeysArgs(argv, env);
  if (!parsed.ok) return refusedArgsResult(parsed, USAGE);
  const { redisUrl } = parsed.args;
  // A command, not a service: fail at once when Redis is away instead of reconnecting in the background.
  // The services' REDIS_USERNAME, REDIS_PASSWORD and REDIS_TLS_CA_FILE apply here too.
  const security = { REDIS_USERNAME: env['REDIS_USERNAME'] || undefined, REDIS_PASSWORD: env['REDIS_PASSWORD'] || undefined, REDIS_TLS_CA_FILE: env['REDIS_TLS_CA_FILE'] || undefined };
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectionName: 'baton-api-keys-cli',
    connectTimeout: 5_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    ...redisSecurityOf(redisUrl, security),
  });
  // Failures reach the caller through the rejected connect or command; the socket's own error says more.
  let socketError: unknown;
  redis.on('error', (error: unknown) => {
    socketError = error;
  });
  try {
    await redis.connect();
  } catch (error) {
    // Closed already (no retries); disconnecting a closed client would wait out its disconnect timeout.
    if (redis.status !== 'end') redis.disconnect();
    return failure(`cannot reach Redis at ${redactUrl(redisUrl)} (${messageOf(socketError ?? error)}); is it running? Set --redis-url or ${REDIS_URL_VARIABLE}`);
  }
  try {
    return await run(parsed.args, new ApiKeyStore(redis));
  } catch (error) {
    return failure(`Redis at ${redactUrl(redisUrl)} failed: ${messageOf(error)}`);
  } finally {
    redis.disconnect();
  }
}

async function run(args: ApiKeysCommand, store: ApiKeyStore): Promise<CliResult> {
  switch (args.command) {
    case 'create': {
      const { key, record } = await store.create({ source: args.source, scopes: args.scopes, rateLimit: args.rateLimit });
      return success(formatCreatedKey(key, record));
    }
    case 'list':
      return success(formatKeyList(await store.list()));
    case 'revoke': {
      const before = await store.find(args.keyId);
      if (before === undefined || !(await store.revoke(args.keyId))) return failure(`no API key has the id ${args.keyId}; list shows the keys there are`);
      const after = await store.find(args.keyId);
      return success(formatRevokedKey(after ?? before, before.revokedAt !== undefined));
    }
  }
}

function success(stdout: string): CliResult {
  return { exitCode: 0, stdout, stderr: '' };
}

function failure(message: string): CliResult {
  return { exitCode: 1, stdout: '', stderr: `${message}\n` };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (require.main === module) {
  void runApiKeysCli(process.argv.slice(2)).then(printCliResult);
}
