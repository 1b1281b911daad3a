import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import type { AttemptResult } from '../../channel';
import { parseRetryAfter, SafeHttpClient, type HostResolver } from '../safe-http.client';
import { startServer, type LocalServer } from './local-server';

const BODY = '{"type":"lead.qualified","alertId":"alert_q1"}';
const HEADERS = { 'content-type': 'application/json', 'webhook-id': 'alert_q1' };
const OPTIONS = { timeoutMs: 2_000 };
const LOOPBACK_ALLOWED = ['127.0.0.1/32'];

function refusedReason(result: AttemptResult): string {
  if (result.kind !== 'refused') throw new Error(`expected refused, got ${JSON.stringify(result)}`);
  return result.reason;
}

describe('SafeHttpClient against real local servers', () => {
  const servers: LocalServer[] = [];
  const start = async (...args: Parameters<typeof startServer>): Promise<LocalServer> => {
    const server = await startServer(...args);
    servers.push(server);
    return server;
  };

  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('should POST the body and headers to an allowlisted address and return the status', async () => {
    const receiver = await start((_, res) => res.writeHead(204).end());
    const result = await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(`${receiver.url}/hooks/baton?x=1`, BODY, HEADERS, OPTIONS);
    expect(result).toEqual({ kind: 'status', status: 204 });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]).toMatchObject({ method: 'POST', path: '/hooks/baton?x=1', body: BODY });
    expect(receiver.requests[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'webhook-id': 'alert_q1', host: `127.0.0.1:${receiver.port}` });
  });

  it('should allow a destination by a CIDR entry', async () => {
    const receiver = await start((_, res) => res.writeHead(200).end('ok'));
    const client = new SafeHttpClient({ allow: ['10.0.0.0/8', '127.0.0.0/8'] });
    expect(await client.post(receiver.url, BODY, HEADERS, OPTIONS)).toEqual({ kind: 'status', status: 200 });
    const outside = new SafeHttpClient({ allow: ['127.0.0.2/32', '10.0.0.0/8'] });
    expect(refusedReason(await outside.post(receiver.url, BODY, HEADERS, OPTIONS))).toContain('127.0.0.1');
    expect(receiver.requests).toHaveLength(1);
  });

  it('should allow an allowlisted hostname, case-insensitively, keep it as Host and connect only to the address it resolved to once', async () => {
    const receiver = await start((_, res) => res.writeHead(202).end());
    const resolve = jest.fn<ReturnType<HostResolver>, Parameters<HostResolver>>(async () => [{ address: '127.0.0.1', family: 4 }]);
    const client = new SafeHttpClient({ allow: ['Receiver.Internal'], resolve });
    const result = await client.post(`http://receiver.INTERNAL:${receiver.port}/in`, BODY, HEADERS, OPTIONS);
    expect(result).toEqual({ kind: 'status', status: 202 });
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledWith('receiver.internal');
    expect(receiver.requests[0]?.headers.host).toBe(`receiver.internal:${receiver.port}`);
  });

  it('should refuse a hostname with one private address among public ones (any address counts)', async () => {
    const resolve: HostResolver = async () => [
      { address: '93.184.215.14', family: 4 },
      { address: '10.0.0.7', family: 4 },
    ];
    const reason = refusedReason(await new SafeHttpClient({ allow: [], resolve }).post('https://rebind.example/x', BODY, HEADERS, OPTIONS));
    expect(reason).toContain('rebind.example');
    expect(reason).toContain('10.0.0.7');
  });

  it('should follow a redirect to another allowlisted path with a POST of the same body', async () => {
    const receiver = await start((request, res) => {
      if (request.path === '/old') res.writeHead(308, { location: '/new' }).end();
      else res.writeHead(200).end();
    });
    const result = await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(`${receiver.url}/old`, BODY, HEADERS, OPTIONS);
    expect(result).toEqual({ kind: 'status', status: 200 });
    expect(receiver.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/old', BODY],
      ['POST', '/new', BODY],
    ]);
  });

  it('should keep POSTing (not turn into a GET) on 301, 302 and 303', async () => {
    const receiver = await start((request, res) => {
      const hop = { '/a': 301, '/b': 302, '/c': 303 }[request.path];
      if (hop !== undefined) res.writeHead(hop, { location: { 301: '/b', 302: '/c', 303: '/d' }[hop] }).end();
      else res.writeHead(200).end();
    });
    const result = await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(`${receiver.url}/a`, BODY, HEADERS, OPTIONS);
    expect(result).toEqual({ kind: 'status', status: 200 });
    expect(receiver.requests.map((r) => `${r.method} ${r.path} ${r.body.length}`)).toEqual(['/a', '/b', '/c', '/d'].map((path) => `POST ${path} ${BODY.length}`));
  });

  it('should follow at most 3 redirects and then return the last status', async () => {
    const receiver = await start((request, res) => res.writeHead(307, { location: `${request.path}x` }).end());
    const result = await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(`${receiver.url}/r`, BODY, HEADERS, OPTIONS);
    expect(result).toEqual({ kind: 'status', status: 307 });
    expect(receiver.requests.map((r) => r.path)).toEqual(['/r', '/rx', '/rxx', '/rxxx']);
  });

  it('should refuse a redirect from an allowlisted server to the metadata address, without sending anything there', async () => {
    const receiver = await start((_, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
    const requestSpy = jest.spyOn(http, 'request');
    const reason = refusedReason(await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(`${receiver.url}/hook`, BODY, HEADERS, OPTIONS));
    expect(reason).toContain('169.254.169.254');
    expect(reason).toContain('NOTIFIER_ALLOWED_DESTINATIONS');
    expect(reason).not.toContain('meta-data');
    expect(receiver.requests).toHaveLength(1);
    expect(requestSpy).toHaveBeenCalledTimes(1);
  });

  it('should refuse a redirect to a live but non-allowlisted loopback server, which receives nothing', async () => {
    const forbidden = await start((_, res) => res.writeHead(200).end(), '127.0.0.2');
    const receiver = await start((_, res) => res.writeHead(307, { location: `${forbidden.url}/steal` }).end());
    const reason = refusedReason(await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(receiver.url, BODY, HEADERS, OPTIONS));
    expect(reason).toContain('127.0.0.2');
    expect(forbidden.requests).toHaveLength(0);
  });

  it('should refuse a redirect to another scheme', async () => {
    const receiver = await start((_, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end());
    expect(refusedReason(await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(receiver.url, BODY, HEADERS, OPTIONS))).toContain('file:');
  });

  it('should drop credential headers when a redirect changes origin', async () => {
    const other = await start((_, res) => res.writeHead(200).end(), '127.0.0.2');
    const receiver = await start((_, res) => res.writeHead(307, { location: `${other.url}/next` }).end());
    const client = new SafeHttpClient({ allow: ['127.0.0.0/8'] });
    expect(await client.post(receiver.url, BODY, { ...HEADERS, authorization: 'Bearer t' }, OPTIONS)).toEqual({ kind: 'status', status: 200 });
    expect(receiver.requests[0]?.headers.authorization).toBe('Bearer t');
    expect(other.requests[0]?.headers.authorization).toBeUndefined();
    expect(other.requests[0]?.headers['webhook-id']).toBe('alert_q1');
  });

  it('should return a redirect status without Location as is', async () => {
    const receiver = await start((_, res) => res.writeHead(302).end());
    expect(await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(receiver.url, BODY, HEADERS, OPTIONS)).toEqual({ kind: 'status', status: 302 });
  });

  it('should parse Retry-After in seconds and as an HTTP date', async () => {
    const date = new Date(Date.now() + 120_000).toUTCString();
    const receiver = await start((request, res) => res.writeHead(request.path === '/seconds' ? 429 : 503, { 'retry-after': request.path === '/seconds' ? '7' : date }).end());
    const client = new SafeHttpClient({ allow: LOOPBACK_ALLOWED });
    expect(await client.post(`${receiver.url}/seconds`, BODY, HEADERS, OPTIONS)).toEqual({ kind: 'status', status: 429, retryAfterMs: 7_000 });
    const dated = await client.post(`${receiver.url}/date`, BODY, HEADERS, OPTIONS);
    expect(dated).toMatchObject({ kind: 'status', status: 503 });
    const ms = dated.kind === 'status' ? dated.retryAfterMs : undefined;
    expect(ms).toBeGreaterThan(100_000);
    expect(ms).toBeLessThanOrEqual(120_000);
  });

  it('should read a large response body only up to the cap and still return the status', async () => {
    const receiver = await start((_, res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.write(Buffer.alloc(200 * 1024, 'x'));
      // never ends: the client must not wait for the rest
    });
    const started = Date.now();
    expect(await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(receiver.url, BODY, HEADERS, OPTIONS)).toEqual({ kind: 'status', status: 500 });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('should time out against a server that accepts the connection but never answers', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as AddressInfo;
      const started = Date.now();
      const result = await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(`http://127.0.0.1:${port}/`, BODY, HEADERS, { timeoutMs: 150 });
      expect(result).toEqual({ kind: 'network', reason: 'timeout after 150 ms' });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('should report a refused connection as a network error with its code', async () => {
    const receiver = await start((_, res) => res.end());
    const url = receiver.url;
    await receiver.close();
    servers.splice(0);
    const result = await new SafeHttpClient({ allow: LOOPBACK_ALLOWED }).post(url, BODY, HEADERS, OPTIONS);
    expect(result).toMatchObject({ kind: 'network' });
    expect(result.kind === 'network' ? result.reason : '').toContain('ECONNREFUSED');
  });

  it('should report an unresolvable host as a network error', async () => {
    const resolve: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.invalid'), { code: 'ENOTFOUND' });
    };
    expect(await new SafeHttpClient({ allow: [], resolve }).post('https://nowhere.invalid/', BODY, HEADERS, OPTIONS)).toEqual({
      kind: 'network',
      reason: 'cannot resolve nowhere.invalid: ENOTFOUND',
    });
  });
});

describe('SafeHttpClient refusals', () => {
  const client = new SafeHttpClient({ allow: ['receiver.internal', '203.0.113.0/24'] });

  it.each([
    ['http://127.0.0.1:9/', '127.0.0.1'],
    ['http://localhost:9/', '127.0.0.1'],
    ['http://10.1.2.3/', '10.1.2.3'],
    ['http://172.16.5.4/', '172.16.5.4'],
    ['http://192.168.1.1/', '192.168.1.1'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://0.0.0.0/', '0.0.0.0'],
    ['http://224.0.0.1/', '224.0.0.1'],
    ['http://[::1]:9/', '::1'],
    ['http://[::]/', '::'],
    ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
    ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe'],
    ['http://[64:ff9b::10.0.0.1]/', '64:ff9b::a00:1'],
    ['http://[fd00::1]/', 'fd00::1'],
    ['http://[fe80::1]/', 'fe80::1'],
    ['http://0x7f.1/', '127.0.0.1'],
  ])('should refuse %s', async (url, address) => {
    const requestSpy = jest.spyOn(http, 'request');
    const reason = refusedReason(await client.post(url, BODY, HEADERS, OPTIONS));
    expect(reason).toContain(address);
    expect(reason).toContain('NOTIFIER_ALLOWED_DESTINATIONS');
    expect(requestSpy).not.toHaveBeenCalled();
    requestSpy.mockRestore();
  });

  it('should name the host and how to allow it', async () => {
    expect(refusedReason(await client.post('http://localhost:9/x?token=secret', BODY, HEADERS, OPTIONS))).toMatch(
      /^destination localhost resolves to (127\.0\.0\.1|::1) \((loopback)\), a non-public address: refused\. To allow it, add 'localhost' or '(127\.0\.0\.1|::1)' .*NOTIFIER_ALLOWED_DESTINATIONS$/,
    );
  });

  it.each(['ftp://example.com/', 'file:///etc/passwd', 'gopher://127.0.0.1/', 'not a url'])('should refuse %s', async (url) => {
    expect((await client.post(url, BODY, HEADERS, OPTIONS)).kind).toBe('refused');
  });

  it('should treat an IPv4-mapped address like the IPv4 address for the allowlist', async () => {
    const receiver = await startServer((_, res) => res.writeHead(200).end());
    try {
      const url = `http://[::ffff:127.0.0.1]:${receiver.port}/`;
      expect(refusedReason(await new SafeHttpClient({ allow: ['127.0.0.2'] }).post(url, BODY, HEADERS, OPTIONS))).toContain('::ffff:7f00:1');
      expect(await new SafeHttpClient({ allow: ['127.0.0.1'] }).post(url, BODY, HEADERS, OPTIONS)).toEqual({ kind: 'status', status: 200 });
      expect(receiver.requests).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it.each([
    ['0', 0],
    ['120', 120_000],
    [' 5 ', 5_000],
    ['Thu, 01 Jan 2026 00:00:30 GMT', 30_000],
    ['Wed, 31 Dec 2025 23:59:00 GMT', 0],
    ['-1', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('should read %p as %p ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});
