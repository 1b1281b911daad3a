import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { requestJson, type JsonRequest } from '../request-json';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

describe('requestJson', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const requested: { method: string; url: string; contentType: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      void text(request).then((body) => {
        requested.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'], body });
        handler(request, body, response);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  const answer = (status: number, body: string, contentType = 'application/json'): Handler => (_request, _body, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(body);
  };
  const readThing = (body: unknown): { readonly thing: string } | undefined => {
    const value = body as { thing?: unknown } | null | undefined;
    return typeof value === 'object' && value !== null && typeof value.thing === 'string' ? { thing: value.thing } : undefined;
  };
  const request = (overrides: Partial<JsonRequest<{ readonly thing: string }>> = {}): JsonRequest<{ readonly thing: string }> => ({
    service: 'the thing service',
    baseUrl: url,
    urlVariable: 'THING_URL',
    path: '/v1/things?kind=a',
    timeoutMs: 2_000,
    read: readThing,
    ...overrides,
  });

  it('should GET the path and give the body as read', async () => {
    handler = answer(200, '{"thing":"one"}');
    expect(await requestJson(request())).toEqual({ ok: true, body: { thing: 'one' } });
    expect(requested.at(-1)).toEqual({ method: 'GET', url: '/v1/things?kind=a', contentType: undefined, body: '' });
  });

  it('should POST the payload as JSON and take any 2xx by default', async () => {
    handler = answer(202, '{"thing":"queued"}');
    expect(await requestJson(request({ method: 'POST', path: '/v1/things', payload: { kind: 'b' } }))).toEqual({ ok: true, body: { thing: 'queued' } });
    expect(requested.at(-1)).toEqual({ method: 'POST', url: '/v1/things', contentType: 'application/json', body: '{"kind":"b"}' });
  });

  it('should take only the success status when one is given', async () => {
    handler = answer(202, '{"thing":"queued"}');
    expect(await requestJson(request({ successStatus: 200 }))).toEqual({ ok: false, problem: 'status', message: 'the thing service answered 202 Accepted: {"thing":"queued"}' });
  });

  it("should give the service's message and violations on a non-2xx answer, else its body", async () => {
    handler = answer(400, JSON.stringify({ statusCode: 400, message: 'invalid request', violations: [{ path: 'kind', message: 'is unknown' }, { path: 'to', message: 'is required' }] }));
    expect(await requestJson(request())).toEqual({ ok: false, problem: 'status', message: 'the thing service answered 400 Bad Request: invalid request (kind is unknown; to is required)' });
    handler = answer(400, JSON.stringify({ message: ['a is wrong', 'b is wrong'] }));
    expect(await requestJson(request())).toMatchObject({ message: 'the thing service answered 400 Bad Request: a is wrong; b is wrong' });
    handler = answer(502, 'upstream\n   gone', 'text/plain');
    expect(await requestJson(request())).toMatchObject({ problem: 'status', message: 'the thing service answered 502 Bad Gateway: upstream gone' });
    handler = answer(500, '');
    expect(await requestJson(request())).toMatchObject({ message: 'the thing service answered 500 Internal Server Error: (empty body)' });
    handler = answer(500, 'x'.repeat(400), 'text/plain');
    expect(await requestJson(request())).toMatchObject({ message: `the thing service answered 500 Internal Server Error: ${'x'.repeat(300)}…` });
  });

  it('should say when a success is not what was expected', async () => {
    handler = answer(200, '{"status":"ok"}');
    expect(await requestJson(request())).toEqual({ ok: false, problem: 'shape', message: 'the thing service answered 200 but not with what GET /v1/things returns: {"status":"ok"}' });
    expect(await requestJson(request({ expected: 'a thing' }))).toMatchObject({ message: 'the thing service answered 200 but not with a thing: {"status":"ok"}' });
    handler = answer(200, '<html>');
    expect(await requestJson(request())).toMatchObject({ problem: 'shape', message: expect.stringMatching(/returns: <html>$/) });
    handler = answer(200, '');
    expect(await requestJson(request())).toMatchObject({ problem: 'shape', message: expect.stringMatching(/returns: \(empty body\)$/) });
  });

  it('should say when the service does not answer in time', async () => {
    handler = () => undefined; // never answers
    expect(await requestJson(request({ timeoutMs: 200 }))).toEqual({
      ok: false,
      problem: 'timeout',
      message: `cannot reach the thing service at ${url} (no answer within 200 ms); is it running? Set --url or THING_URL`,
    });
  });

  it('should say when the service cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens on it.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await requestJson(request({ baseUrl: `http://127.0.0.1:${port}` }));
    expect(result).toMatchObject({ ok: false, problem: 'unreachable' });
    expect(result.ok ? '' : result.message).toMatch(new RegExp(`^cannot reach the thing service at http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\); is it running\\? Set --url or THING_URL$`));
  });
});
