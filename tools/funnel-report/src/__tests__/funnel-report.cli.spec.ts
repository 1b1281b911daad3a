import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runFunnelReportCli } from '../funnel-report.cli';
import { SAMPLE_REPORT } from './funnel-report.fixture';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('funnel command', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const requested: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      requested.push(request.url ?? '');
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const answer = (status: number, body: string): Handler => (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body);
  };

  it('should GET the funnel of the range from the lifecycle service and print it', async () => {
    handler = answer(200, JSON.stringify(SAMPLE_REPORT));
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', `${url}/`], {});
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(requested.at(-1)).toBe('/v1/funnel?from=2026-11-01&to=2026-11-30');
    expect(result.stdout).toMatch(/^Funnel from 2026-11-01 to 2026-11-30\n/);
    expect(result.stdout).toContain('2026-11-02     3     1       33.3%');
  });

  it('should take the URL from LIFECYCLE_URL', async () => {
    handler = answer(200, JSON.stringify(SAMPLE_REPORT));
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30'], { LIFECYCLE_URL: url });
    expect(result.exitCode).toBe(0);
  });

  it("should exit 1 with the service's message when it answers other than 200", async () => {
    handler = answer(400, JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'invalid funnel range', violations: [{ path: 'from', message: 'must be a date, YYYY-MM-DD' }] }));
    expect(await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], {})).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'the lifecycle service answered 400 Bad Request: invalid funnel range (from must be a date, YYYY-MM-DD)\n',
    });
    handler = (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('upstream gone');
    };
    expect(await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], {})).toMatchObject({ exitCode: 1, stderr: 'the lifecycle service answered 502 Bad Gateway: upstream gone\n' });
  });

  it('should exit 1 when a 200 answer is not a funnel report', async () => {
    handler = answer(200, '{"status":"ok"}');
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', url], {});
    expect(result).toMatchObject({ exitCode: 1, stderr: expect.stringMatching(/not with a funnel report: \{"status":"ok"\}/) });
  });

  it('should exit 1 with a clear message when the service cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens on it.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', '2026-11-30', '--url', `http://127.0.0.1:${port}`], {});
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^cannot reach the lifecycle service at http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\)`));
  });

  it('should exit 2 with the usage on bad arguments, before any request', async () => {
    const before = requested.length;
    const result = await runFunnelReportCli(['--from', '2026-11-01', '--to', 'tomorrow', '--url', url], {});
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toMatch(/^--to must be a date, YYYY-MM-DD \(got tomorrow\)\nusage: npm run funnel -- --from YYYY-MM-DD --to YYYY-MM-DD \[--url URL\]\n/);
    expect(requested.length).toBe(before);
    expect(await runFunnelReportCli(['--help'], {})).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^usage:/) });
  });
});
