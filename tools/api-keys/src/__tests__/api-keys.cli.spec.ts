import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { ApiKeyStore } from '@baton/api-auth';
import { API_SCOPES, hashSecret, parseApiKey, secretMatches } from '@baton/api-key';
import { runApiKeysCli } from '../api-keys.cli';

/** The command against the real Redis the services share (REDIS_URL from the Jest global setup). */
describe('api-keys command', () => {
  let redis: Redis;
  let store: ApiKeyStore;
  let env: { REDIS_URL: string };

  beforeAll(() => {
    env = { REDIS_URL: process.env['REDIS_URL'] as string };
    redis = new Redis(env.REDIS_URL);
    store = new ApiKeyStore(redis);
  });

  afterAll(() => {
    redis?.disconnect();
  });

  // Other suites share this Redis: each test finds its own keys by a source of its own.
  const source = (): string => `cli-spec-${randomBytes(4).toString('hex')}`;
  const rowOf = (stdout: string, keyId: string): string[] | undefined =>
    stdout
      .split('\n')
      .find((line) => line.startsWith(`${keyId} `))
      ?.split(/ {2,}/);

  it('should create a key shown once, list it without secret or hash, and revoke it', async () => {
    const mine = source();
    const created = await runApiKeysCli(['create', '--source', mine, '--scopes', 'events:write,profiles:write', '--rate-per-second', '20', '--burst', '50'], env);
    expect(created).toMatchObject({ exitCode: 0, stderr: '' });
    expect(created.stdout).toMatch(/^API key created for source cli-spec-[0-9a-f]{8}\. Copy it now: it cannot be shown again \(Baton keeps only its hash\)\.\n/);

    // The key: once in the output, in Baton's format, and its hash is what the store keeps.
    const key = /^ {2}(baton_\S+)$/m.exec(created.stdout)?.[1] ?? '';
    expect(created.stdout.split(key).length - 1).toBe(1);
    const presented = parseApiKey(key);
    expect(presented).toBeDefined();
    const { keyId, secret } = presented ?? { keyId: '', secret: '' };
    expect(created.stdout).toContain(`Key id      ${keyId}\n`);
    expect(created.stdout).toContain(`Source      ${mine}\n`);
    expect(created.stdout).toContain('Scopes      events:write, profiles:write\n');
    expect(created.stdout).toContain('Rate limit  20/s, burst 50\n');
    const record = await store.find(keyId);
    expect(record).toMatchObject({ keyId, source: mine, scopes: ['events:write', 'profiles:write'], rateLimit: { perSecond: 20, burst: 50 } });
    expect(record?.revokedAt).toBeUndefined();
    expect(record?.secretHash).toBe(hashSecret(secret));
    expect(secretMatches(secret, record?.secretHash ?? '')).toBe(true);

    const listed = await runApiKeysCli(['list'], env);
    expect(listed).toMatchObject({ exitCode: 0, stderr: '' });
    expect(listed.stdout).toMatch(/^Id +Source +Scopes +Created +Revoked +Rate limit\n/);
    expect(rowOf(listed.stdout, keyId)).toEqual([keyId, mine, 'events:write,profiles:write', record?.createdAt, '-', '20/s, burst 50']);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain(record?.secretHash);

    const revoked = await runApiKeysCli(['revoke', keyId], env);
    const revokedAt = (await store.find(keyId))?.revokedAt;
    expect(revokedAt).toBeDefined();
    expect(revoked).toEqual({ exitCode: 0, stdout: `API key ${keyId} (source ${mine}) revoked at ${revokedAt}: requests with it now get 401.\n`, stderr: '' });
    expect(rowOf((await runApiKeysCli(['list'], env)).stdout, keyId)).toEqual([keyId, mine, 'events:write,profiles:write', record?.createdAt, revokedAt, '20/s, burst 50']);

    // Again, with the whole key (as found leaked): already revoked, the first time kept.
    expect(await runApiKeysCli(['revoke', key], env)).toEqual({ exitCode: 0, stdout: `API key ${keyId} (source ${mine}) was already revoked at ${revokedAt}.\n`, stderr: '' });
    expect((await store.find(keyId))?.revokedAt).toBe(revokedAt);
  });

  it('should create a key with every scope and the default limit, with the URL from --redis-url', async () => {
    const mine = source();
    const created = await runApiKeysCli(['create', `--source=${mine}`, `--scopes=${API_SCOPES.join(',')}`, '--redis-url', env.REDIS_URL], {});
    expect(created).toMatchObject({ exitCode: 0, stderr: '' });
    const keyId = /^Key id {6}([0-9a-f]{16})$/m.exec(created.stdout)?.[1] ?? '';
    expect(await store.find(keyId)).toMatchObject({ source: mine, scopes: [...API_SCOPES] });
    expect((await store.find(keyId))?.rateLimit).toBeUndefined();
    expect(created.stdout).toContain('Rate limit  default\n');
    expect(rowOf((await runApiKeysCli(['list'], env)).stdout, keyId)?.[5]).toBe('default');
    await store.revoke(keyId);
  });

  it('should exit 1 for a key id that is not there, and store nothing', async () => {
    const unknown = randomBytes(8).toString('hex');
    expect(await runApiKeysCli(['revoke', unknown], env)).toEqual({ exitCode: 1, stdout: '', stderr: `no API key has the id ${unknown}; list shows the keys there are\n` });
    expect(await store.find(unknown)).toBeUndefined();
  });

  it('should exit 2 naming a bad scope and listing the valid ones, before touching Redis', async () => {
    const mine = source();
    const result = await runApiKeysCli(['create', '--source', mine, '--scopes', 'events:write,events:delete'], env);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^unknown scope events:delete; valid scopes: ${API_SCOPES.join(', ')}\\nusage: npm run api-keys -- create`));
    expect((await store.list()).filter((record) => record.source === mine)).toEqual([]);
  });

  it('should exit 2 without a source, or without a Redis URL, naming what is missing', async () => {
    const noSource = await runApiKeysCli(['create', '--scopes', 'events:write'], env);
    expect(noSource).toMatchObject({ exitCode: 2, stdout: '', stderr: expect.stringMatching(/^create needs --source SOURCE.*\nusage:/) });
    const noRedis = await runApiKeysCli(['list'], {});
    expect(noRedis).toMatchObject({ exitCode: 2, stdout: '', stderr: expect.stringMatching(/^the Redis the services use is required: pass --redis-url URL or set REDIS_URL\nusage:/) });
    expect(await runApiKeysCli(['--help'], {})).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^usage: npm run api-keys -- create/) });
  });

  it('should exit 1 when Redis cannot be reached, without its password', async () => {
    // A port that was free a moment ago: nothing listens on it.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runApiKeysCli(['list', '--redis-url', `redis://:s3cret@127.0.0.1:${port}`], {});
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\); is it running\\? Set --redis-url or REDIS_URL\\n$`));
  });
});
