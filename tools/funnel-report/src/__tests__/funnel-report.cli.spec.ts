import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runFunnelReportCli } from '../funnel-report.cli';
import { SAMPLE_REPORT } from './funnel-report.fixture';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const KEY = 'baton_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const ENV = { BATON_API_KEY: KEY };

describe('funnel command', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const requested: string[] = [];
  const authorizations: (string | undefined)[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requested.push(request.url ?? '');
      authorizations.push(request.headers.authorization);
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const answer =
    (status: number, body: string): Handler =>
    (_request, response) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(body);
    };

  it('should GET the funnel of the range from the lifecycle service with the API key and print it', async () => {
    handler = answer(200, JSON.stringify(SAMPLE_REPORT));
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', `${url}/`, '--api-key', KEY], {});
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(requested.at(-1)).toBe('/v1/funnel?from=2026-11-01&to=2026-11-30');
    expect(authorizations.at(-1)).toBe(`Bearer ${KEY}`);
    expect(result.stdout).toMatch(/^Funnel from 2026-11-01 to 2026-11-30\n/);
    expect(result.stdout).toContain('2026-11-02     3     1       33.3%');
  });

  it('should take the URL from LIFECYCLE_URL and the key from BATON_API_KEY', async () => {
    handler = answer(200, JSON.stringify(SAMPLE_REPORT));
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30'], { LIFECYCLE_URL: url, BATON_API_KEY: 'baton_from_env' });
    expect(result.exitCode).toBe(0);
    expect(authorizations.at(-1)).toBe('Bearer baton_from_env');
  });

  it('should exit 1 telling how to pass a key when the service refuses the key or its scope', async () => {
    const problem =
      (status: number, code: string, detail: string): Handler =>
      (_request, response) => {
        response.writeHead(status, { 'content-type': 'application/problem+json', 'www-authenticate': 'Bearer realm="baton"' });
        response.end(JSON.stringify({ type: `urn:baton:problem:${code}`, title: 'x', status, detail, code, instance: '/v1/funnel' }));
      };
    handler = problem(401, 'AUTH.REVOKED_KEY', 'the API key was revoked at 2026-11-02T10:00:00.000Z');
    expect(await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], ENV)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'the lifecycle service answered 401 Unauthorized: the API key was revoked at 2026-11-02T10:00:00.000Z [AUTH.REVOKED_KEY]; pass a valid, unrevoked API key with --api-key or set BATON_API_KEY\n',
    });
    handler = problem(403, 'AUTH.INSUFFICIENT_SCOPE', 'this key lacks the scope funnel:read');
    expect(await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], ENV)).toMatchObject({
      exitCode: 1,
      stderr:
        'the lifecycle service answered 403 Forbidden: this key lacks the scope funnel:read [AUTH.INSUFFICIENT_SCOPE]; pass a key that has the scope this needs with --api-key or set BATON_API_KEY\n',
    });
  });

  it("should exit 1 with the service's problem when it answers other than 200", async () => {
    handler = (_request, response) => {
      response.writeHead(400, { 'content-type': 'application/problem+json' });
      response.end(
        JSON.stringify({
          type: 'urn:baton:problem:request-invalid',
          title: 'Bad Request',
          status: 400,
          detail: 'invalid funnel range',
          code: 'REQUEST.INVALID',
          instance: '/v1/funnel',
          errors: [{ path: 'from', message: 'must be a date, YYYY-MM-DD' }],
        }),
      );
    };
    expect(await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], ENV)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'the lifecycle service answered 400 Bad Request: invalid funnel range (from must be a date, YYYY-MM-DD) [REQUEST.INVALID]\n',
    });
    handler = (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('upstream gone');
    };
    expect(await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], ENV)).toMatchObject({
      exitCode: 1,
      stderr: 'the lifecycle service answered 502 Bad Gateway: upstream gone\n',
    });
  });

  it('should exit 1 when a 200 answer is not a funnel report', async () => {
    handler = answer(200, '{"status":"ok"}');
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], ENV);
    expect(result).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/not with a funnel report: \{"status":"ok"\}/) });
  });

  it('should exit 1 with a clear message when the service cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens on it.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', `http://127.0.0.1:${port}`], ENV);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^cannot reach the lifecycle service at http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\)`));
  });

  it('should exit 2 with the usage on bad arguments or without a key, before any request', async () => {
    const before = requested.length;
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', 'tomorrow', '--url', url], ENV);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toMatch(/^--to must be a date, YYYY-MM-DD \(got tomorrow\)\nusage: npm run funnel -- --from YYYY-MM-DD --to YYYY-MM-DD \[--url URL\] \[--api-key KEY\]\n/);
    const keyless = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], {});
    expect(keyless).toMatchObject({ exitCode: 2, stdout: '' });
    expect(keyless.stderr).toMatch(/^an API key is required: pass --api-key KEY or set BATON_API_KEY\nusage:/);
    expect(requested.length).toBe(before);
    expect(await runFunnelReportCli(['--help'], {})).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^usage:/) });
  });
});
