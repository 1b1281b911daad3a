import type { Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { Body, Controller, Module, Post } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { HTTP_SERVER_DEFAULTS, type HttpServerSettings } from '@baton/config';
import { createServiceApp } from '../create-service-app';
import { LimitedExpressAdapter } from '../limited-express.adapter';
import { PublicEndpoint } from '../public-endpoint.decorator';

@PublicEndpoint()
@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown): { bytes: number } {
    return { bytes: JSON.stringify(body).length };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

/** What @types/node does not declare on Server although Node 20 sets both from the options. */
type LimitedServer = Server & { readonly connectionsCheckingInterval: number; readonly maxHeaderSize: number };

interface SocketOutcome {
  /** Everything the server wrote before it closed the connection. */
  readonly response: string;
  readonly closedAfterMs: number;
}

/** Opens a raw connection, lets `drive` write to it, and resolves once the server closed it. */
function rawConnection(port: number, drive: (socket: Socket) => void): Promise<SocketOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let response = '';
    socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ response, closedAfterMs: Date.now() - started }));
    socket.once('connect', () => drive(socket));
  });
}

/** Writes `text` one byte per `everyMs`, until done or the socket is closed. */
function trickle(socket: Socket, text: string, everyMs: number): void {
  let next = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || next >= text.length) return clearInterval(timer);
    socket.write(text.charAt(next++));
  }, everyMs);
}

describe('the HTTP server of every service', () => {
  // Small limits so that the test takes seconds; the shapes of the checks hold for the defaults too.
  const limits: HttpServerSettings = {
    HTTP_HEADERS_TIMEOUT_MS: 1000,
    HTTP_REQUEST_TIMEOUT_MS: 2000,
    HTTP_CONNECTIONS_CHECK_INTERVAL_MS: 100,
    HTTP_KEEP_ALIVE_TIMEOUT_MS: 3000,
    HTTP_MAX_HEADER_BYTES: 4096,
  };
  // Timers fire a little late on a loaded machine; a generous margin never makes the test flaky, it only bounds "closed".
  const MARGIN_MS = 3000;
  let app: NestExpressApplication;
  let port: number;

  beforeAll(async () => {
    app = await createServiceApp({ module: EchoModule }, { logLevel: 'silent', maxBodyBytes: 1024, server: limits });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await app?.close();
  });

  const post = async (body: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`http://127.0.0.1:${port}/echo`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    return { status: response.status, body: await response.json() };
  };

  it('is created with the configured limits', () => {
    const server = app.getHttpServer() as LimitedServer;
    expect({
      headersTimeout: server.headersTimeout,
      requestTimeout: server.requestTimeout,
      connectionsCheckingInterval: server.connectionsCheckingInterval,
      keepAliveTimeout: server.keepAliveTimeout,
      maxHeaderSize: server.maxHeaderSize,
    }).toEqual({ headersTimeout: 1000, requestTimeout: 2000, connectionsCheckingInterval: 100, keepAliveTimeout: 3000, maxHeaderSize: 4096 });
  });

  it('answers 408 and closes a connection whose headers arrive a byte at a time, once the headers timeout is over', async () => {
    const outcome = await rawConnection(port, (socket) => trickle(socket, `POST /echo HTTP/1.1\r\nHost: x\r\nX-Slow: ${'s'.repeat(1000)}\r\n\r\n`, 50));
    expect(outcome.response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(limits.HTTP_HEADERS_TIMEOUT_MS - 50);
    expect(outcome.closedAfterMs).toBeLessThan(limits.HTTP_HEADERS_TIMEOUT_MS + limits.HTTP_CONNECTIONS_CHECK_INTERVAL_MS + MARGIN_MS);
  }, 20_000);

  it('answers 408 and closes a connection whose body never completes, once the request timeout is over', async () => {
    const outcome = await rawConnection(port, (socket) => socket.write('POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{"a":'));
    expect(outcome.response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    // Headers complete in time: only the request timeout may close it.
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(limits.HTTP_REQUEST_TIMEOUT_MS - 50);
    expect(outcome.closedAfterMs).toBeLessThan(limits.HTTP_REQUEST_TIMEOUT_MS + limits.HTTP_CONNECTIONS_CHECK_INTERVAL_MS + MARGIN_MS);
  }, 20_000);

  it('answers 431 to headers over the limit, and still serves', async () => {
    const outcome = await rawConnection(port, (socket) => socket.write(`POST /echo HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(64 * 1024)}\r\nContent-Length: 2\r\n\r\n{}`));
    expect(outcome.response).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(await post('{"a":1}', { 'x-fits': 'f'.repeat(2000) })).toEqual({ status: 201, body: { bytes: 7 } });
  });

  it('keeps an idle keep-alive connection longer than the headers timeout, and closes it after the keep-alive timeout', async () => {
    const request = 'POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}';
    const outcome = await rawConnection(port, (socket) => {
      socket.write(request);
      // Idle between requests is not a slow request: the second one is answered on the same connection.
      setTimeout(() => socket.write(request), limits.HTTP_HEADERS_TIMEOUT_MS + 500);
    });
    expect(outcome.response.match(/HTTP\/1\.1 201 Created/g)).toHaveLength(2);
    expect(outcome.response).toContain('Keep-Alive: timeout=3');
    expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(limits.HTTP_HEADERS_TIMEOUT_MS + 500 + limits.HTTP_KEEP_ALIVE_TIMEOUT_MS - 50);
    expect(outcome.closedAfterMs).toBeLessThan(limits.HTTP_HEADERS_TIMEOUT_MS + 500 + limits.HTTP_KEEP_ALIVE_TIMEOUT_MS + MARGIN_MS);
  }, 20_000);

  it('uses the schema defaults when an app is created without limits', async () => {
    const plain = await createServiceApp({ module: EchoModule }, { logLevel: 'silent', maxBodyBytes: 1024 });
    try {
      const server = plain.getHttpServer() as LimitedServer;
      expect([server.headersTimeout, server.requestTimeout, server.connectionsCheckingInterval, server.keepAliveTimeout, server.maxHeaderSize]).toEqual([
        HTTP_SERVER_DEFAULTS.HTTP_HEADERS_TIMEOUT_MS,
        HTTP_SERVER_DEFAULTS.HTTP_REQUEST_TIMEOUT_MS,
        HTTP_SERVER_DEFAULTS.HTTP_CONNECTIONS_CHECK_INTERVAL_MS,
        HTTP_SERVER_DEFAULTS.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        HTTP_SERVER_DEFAULTS.HTTP_MAX_HEADER_BYTES,
      ]);
    } finally {
      await plain.close();
    }
  });

  it('refuses options it would otherwise ignore', () => {
    const adapter = new LimitedExpressAdapter(limits);
    expect(() => adapter.initHttpServer({ httpsOptions: {} })).toThrow('plain HTTP only');
    expect(() => adapter.initHttpServer({ forceCloseConnections: true })).toThrow('plain HTTP only');
  });
});
