import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { createRedisClient } from '../redis-client.factory';

/**
 * The production settings against a real redis-server with TLS (a private CA made here with openssl) and an ACL
 * user: the client connects only with the CA and the right user and password.
 */
describe('Redis over TLS with an ACL user', () => {
  let dir: string;
  let server: ChildProcess;
  let port: number;
  const clients: Redis[] = [];

  const freePort = (): Promise<number> =>
    new Promise((resolve, reject) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
      });
    });
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  const client = (url: string, security: Parameters<typeof createRedisClient>[2]): Redis => {
    const made = createRedisClient(url, 'redis-security-spec', security);
    made.on('error', () => undefined); // the refused ones keep trying in the background until disconnected
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-redis-tls-'));
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '1', '-subj', '/CN=baton-test-ca');
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '1', '-extfile', 'ext.cnf');
    port = await freePort();
    server = spawn(
      'redis-server',
      [
        '--port',
        '0',
        '--tls-port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--tls-cert-file',
        'server.crt',
        '--tls-key-file',
        'server.key',
        '--tls-ca-cert-file',
        'ca.crt',
        '--tls-auth-clients',
        'no',
        '--save',
        '',
        '--appendonly',
        'no',
        '--user',
        'default',
        'off',
        '--user',
        'baton',
        'on',
        '>s3cret',
        '~*',
        '&*',
        '+@all',
      ],
      { cwd: dir, stdio: 'ignore' },
    );
    const ready = client(`rediss://127.0.0.1:${port}`, { REDIS_TLS_CA_FILE: join(dir, 'ca.crt'), REDIS_USERNAME: 'baton', REDIS_PASSWORD: 's3cret' });
    for (let attempt = 0; attempt < 50; attempt++) {
      if (
        await ready.connect().then(
          () => true,
          () => false,
        )
      )
        return;
      ready.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('redis-server with TLS did not start');
  });

  afterAll(() => {
    for (const made of clients) made.disconnect();
    server?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('connects with rediss://, the private CA and the ACL user', async () => {
    const redis = client(`rediss://127.0.0.1:${port}`, { REDIS_TLS_CA_FILE: join(dir, 'ca.crt'), REDIS_USERNAME: 'baton', REDIS_PASSWORD: 's3cret' });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.acl('WHOAMI')).toBe('baton');
  });

  it('takes the user and password from the URL when the variables are not set', async () => {
    const redis = client(`rediss://baton:s3cret@127.0.0.1:${port}`, { REDIS_TLS_CA_FILE: join(dir, 'ca.crt') });
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
  });

  /** Why a connection is refused: the socket's first error, which says more than the closed connection. */
  const refusal = async (url: string, security: Parameters<typeof createRedisClient>[2]): Promise<string> => {
    const redis = client(url, security);
    const firstError = new Promise<string>((resolve) => redis.once('error', (error: Error) => resolve(error.message)));
    const outcome = redis
      .connect()
      .then(() => redis.ping())
      .then(
        () => 'connected',
        () => firstError,
      );
    return Promise.race([outcome, new Promise<string>((resolve) => setTimeout(() => resolve('no answer'), 3000))]);
  };

  it('refuses a server certificate it cannot verify, a wrong password and a plain connection', async () => {
    expect(await refusal(`rediss://127.0.0.1:${port}`, { REDIS_USERNAME: 'baton', REDIS_PASSWORD: 's3cret' })).toMatch(/certificate/);
    expect(await refusal(`rediss://127.0.0.1:${port}`, { REDIS_TLS_CA_FILE: join(dir, 'ca.crt'), REDIS_USERNAME: 'baton', REDIS_PASSWORD: 'wrong' })).toMatch(/WRONGPASS|invalid username-password/);
    expect(await refusal(`redis://127.0.0.1:${port}`, { REDIS_USERNAME: 'baton', REDIS_PASSWORD: 's3cret' })).not.toBe('connected');
  });

  it('names the CA file it cannot read', () => {
    expect(() => createRedisClient('rediss://127.0.0.1:1', 'x', { REDIS_TLS_CA_FILE: join(dir, 'missing.crt') })).toThrow(/cannot read the Redis CA file .*missing\.crt/);
  });
});
