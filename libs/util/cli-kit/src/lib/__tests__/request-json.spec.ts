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
  const requested: { method: string; url: string; contentType: string | undefined; authorization: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      void text(request).then((body) => {
        requested.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'], authorization: request.headers.authorization, body });
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

  const answer =
    (status: number, body: string, contentType = 'application/json', headers: Record<string, string> = {}): Handler =>
    (_request, _body, response) => {
      response.writeHead(status, { 'content-type': contentType, ...headers });
      response.end(body);
    };
  const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Handler =>
    answer(status, JSON.stringify({ type: 'urn:baton:problem:x', title: 'T', status, instance: '/v1/things', ...body }), 'application/problem+json', headers);
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
    expect(requested.at(-1)).toEqual({ method: 'GET', url: '/v1/things?kind=a', contentType: undefined, authorization: undefined, body: '' });
  });

  it('should POST the payload as JSON and take any 2xx by default', async () => {
    handler = answer(202, '{"thing":"queued"}');
    expect(await requestJson(request({ method: 'POST', path: '/v1/things', payload: { kind: 'b' } }))).toEqual({ ok: true, body: { thing: 'queued' } });
    expect(requested.at(-1)).toEqual({ method: 'POST', url: '/v1/things', contentType: 'application/json', authorization: undefined, body: '{"kind":"b"}' });
  });

  it('should send the API key as a bearer token when one is given', async () => {
    handler = answer(200, '{"thing":"one"}');
    expect(await requestJson(request({ apiKey: 'baton_0123456789abcdef_secret' }))).toEqual({ ok: true, body: { thing: 'one' } });
    expect(requested.at(-1)).toMatchObject({ method: 'GET', authorization: 'Bearer baton_0123456789abcdef_secret' });
  });

  it('should take only the success status when one is given', async () => {
    handler = answer(202, '{"thing":"queued"}');
    expect(await requestJson(request({ successStatus: 200 }))).toEqual({ ok: false, problem: 'status', message: 'the thing service answered 202 Accepted: {"thing":"queued"}' });
  });

  it("should give the service's message and violations on a non-2xx answer, else its body", async () => {
    handler = answer(
      400,
      JSON.stringify({
        statusCode: 400,
        message: 'invalid request',
        violations: [
          { path: 'kind', message: 'is unknown' },
          { path: 'to', message: 'is required' },
        ],
      }),
    );
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

  it('should give the detail, each field error and the code of a problem+json answer', async () => {
    handler = problem(400, {
      detail: '2 fields are invalid',
      code: 'REQUEST.INVALID',
      errors: [
        { path: 'events[0].occurredAt', message: 'must be an ISO-8601 date with a zone' },
        { path: 'kind', message: 'is not allowed' },
      ],
    });
    expect(await requestJson(request())).toEqual({
      ok: false,
      problem: 'status',
      message: 'the thing service answered 400 Bad Request: 2 fields are invalid (events[0].occurredAt must be an ISO-8601 date with a zone; kind is not allowed) [REQUEST.INVALID]',
    });
    handler = problem(404, { detail: 'no thing a', code: 'THING.NOT_FOUND', errors: [] });
    expect(await requestJson(request())).toMatchObject({ message: 'the thing service answered 404 Not Found: no thing a [THING.NOT_FOUND]' });
    // No detail: the title stands in for it.
    handler = problem(409, { title: 'Conflict', code: 'THING.BUSY' });
    expect(await requestJson(request())).toMatchObject({ message: 'the thing service answered 409 Conflict: Conflict [THING.BUSY]' });
  });

  it('should tell how to pass a key when the service refuses it (401) or its scope (403)', async () => {
    handler = problem(401, { detail: 'no valid API key', code: 'AUTH.INVALID_KEY' }, { 'www-authenticate': 'Bearer realm="baton"' });
    expect(await requestJson(request({ apiKey: 'baton_x', keyVariable: 'THING_API_KEY' }))).toEqual({
      ok: false,
      problem: 'status',
      message: 'the thing service answered 401 Unauthorized: no valid API key [AUTH.INVALID_KEY]; pass a valid, unrevoked API key with --api-key or set THING_API_KEY',
    });
    handler = problem(403, { detail: 'this key lacks the scope things:read', code: 'AUTH.INSUFFICIENT_SCOPE', requiredScope: 'things:read' });
    expect(await requestJson(request({ apiKey: 'baton_x', keyVariable: 'THING_API_KEY' }))).toMatchObject({
      message: 'the thing service answered 403 Forbidden: this key lacks the scope things:read [AUTH.INSUFFICIENT_SCOPE]; pass a key that has the scope this needs with --api-key or set THING_API_KEY',
    });
    // Without a variable to name, and whatever the body.
    handler = answer(401, '');
    expect(await requestJson(request())).toMatchObject({ message: 'the thing service answered 401 Unauthorized: (empty body); pass a valid, unrevoked API key with --api-key' });
  });

  it('should say when to try again when the service says so (Retry-After)', async () => {
    handler = problem(429, { detail: 'this key may make 1 requests per second (bursts of 1)', code: 'AUTH.RATE_LIMITED' }, { 'retry-after': '3' });
    expect(await requestJson(request())).toMatchObject({
      message: 'the thing service answered 429 Too Many Requests: this key may make 1 requests per second (bursts of 1) [AUTH.RATE_LIMITED]; try again in 3 s',
    });
    handler = answer(503, 'down for maintenance', 'text/plain', { 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' });
    expect(await requestJson(request())).toMatchObject({ message: 'the thing service answered 503 Service Unavailable: down for maintenance; try again after Wed, 21 Oct 2026 07:28:00 GMT' });
    handler = answer(429, 'slow down', 'text/plain');
    expect(await requestJson(request())).toMatchObject({ message: 'the thing service answered 429 Too Many Requests: slow down' });
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
