import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runAlertsCli } from '../alerts.cli';
import { DEAD_SLACK, DEAD_WEBHOOK, LEAD_LOG } from './alerts.fixture';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

interface Requested {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
  readonly body: string;
}

const KEY = 'baton_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const ENV = { BATON_API_KEY: KEY };

describe('alerts command', () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const requested: Requested[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        requested.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization, body });
        handler(request, body, response);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const json = (response: ServerResponse, status: number, body: unknown): void => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
  const answer =
    (status: number, body: unknown): Handler =>
    (_request, _body, response) =>
      json(response, status, body);
  const problem = (response: ServerResponse, status: number, code: string, detail: string, extra: Record<string, unknown> = {}): void => {
    response.writeHead(status, { 'content-type': 'application/problem+json' });
    response.end(JSON.stringify({ type: `urn:baton:problem:${code.toLowerCase()}`, title: 'x', status, detail, code, instance: '/v1/alerts', ...extra }));
  };
  const notFound = (response: ServerResponse, alertId: string, leadId: string): void => problem(response, 404, 'NOTIFIER.NO_DEAD_ALERT', `no dead-lettered alert ${alertId} for lead ${leadId}`);

  it('should list the dead letters as a table', async () => {
    handler = answer(200, { alerts: [DEAD_WEBHOOK, DEAD_SLACK] });
    const result = await runAlertsCli(['dead-letters', '--url', `${url}/`, '--api-key', KEY], {});
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(requested.at(-1)).toEqual({ method: 'GET', url: '/v1/alerts/dead-letters', authorization: `Bearer ${KEY}`, body: '' });
    expect(result.stdout).toMatch(/^Alert +Lead +Channel +Attempts +Last result +Created\n/);
    expect(result.stdout).toContain('alert_qual_3f9a_crm          ada-1    crm                 1  crm refused the alert: HTTP 400');
  });

  it('should take the URL from NOTIFIER_URL and the key from BATON_API_KEY', async () => {
    handler = answer(200, { alerts: [] });
    expect(await runAlertsCli(['dead-letters'], { NOTIFIER_URL: url, BATON_API_KEY: 'baton_from_env' })).toEqual({ exitCode: 0, stdout: 'No dead-lettered alerts.\n', stderr: '' });
    expect(requested.at(-1)).toMatchObject({ authorization: 'Bearer baton_from_env' });
  });

  it('should exit 1 telling how to pass a key when the notifier refuses the key or its scope', async () => {
    handler = (_request, _body, response) => problem(response, 401, 'AUTH.INVALID_KEY', 'the API key is not valid');
    expect(await runAlertsCli(['dead-letters', '--url', url], ENV)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'the notifier service answered 401 Unauthorized: the API key is not valid [AUTH.INVALID_KEY]; pass a valid, unrevoked API key with --api-key or set BATON_API_KEY\n',
    });
    handler = (_request, _body, response) => problem(response, 403, 'AUTH.INSUFFICIENT_SCOPE', 'this key lacks the scope alerts:write', { requiredScope: 'alerts:write' });
    expect(await runAlertsCli(['resend', 'alert_qual_3f9a_crm', '--lead', 'ada-1', '--url', url], ENV)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr:
        'the notifier service answered 403 Forbidden: this key lacks the scope alerts:write [AUTH.INSUFFICIENT_SCOPE]; pass a key that has the scope this needs with --api-key or set BATON_API_KEY\n',
    });
    expect(requested.at(-1)).toMatchObject({ method: 'POST', authorization: `Bearer ${KEY}` });
  });

  it("should print a lead's delivery log", async () => {
    handler = answer(200, { leadId: 'ada 1', alerts: LEAD_LOG });
    const result = await runAlertsCli(['log', 'ada 1', '--url', url], ENV);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(requested.at(-1)).toMatchObject({ method: 'GET', url: '/v1/alerts?leadId=ada+1' });
    expect(result.stdout).toMatch(/^Delivery log of lead ada 1: 2 alerts\n/);
    expect(result.stdout).toContain('  2  2026-11-24T10:00:02.010Z  delivered     204    41 ms');
  });

  it('should re-send one dead letter with its lead', async () => {
    handler = answer(202, { alertId: 'alert_qual_3f9a_crm', status: 'retrying' });
    const result = await runAlertsCli(['resend', 'alert_qual_3f9a_crm', '--lead', 'ada-1', '--url', url], ENV);
    expect(result).toEqual({ exitCode: 0, stdout: 'alert_qual_3f9a_crm: re-sent (retrying); follow it with: npm run alerts -- log ada-1\n', stderr: '' });
    const last = requested.at(-1);
    expect(last).toMatchObject({ method: 'POST', url: '/v1/alerts/alert_qual_3f9a_crm/resend' });
    expect(JSON.parse(last?.body ?? '') as unknown).toEqual({ leadId: 'ada-1' });
  });

  it("should exit 1 with the service's message when the alert is not a dead letter", async () => {
    handler = (_request, _body, response) => notFound(response, 'alert_x', 'ada-1');
    expect(await runAlertsCli(['resend', 'alert_x', '--lead', 'ada-1', '--url', url], ENV)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'the notifier service answered 404 Not Found: no dead-lettered alert alert_x for lead ada-1 [NOTIFIER.NO_DEAD_ALERT]\n',
    });
  });

  it('should re-send every dead letter listed with --all, and exit 1 naming any that failed', async () => {
    const posted: string[] = [];
    handler = (request, body, response) => {
      if (request.method === 'GET') return json(response, 200, { alerts: [DEAD_WEBHOOK, DEAD_SLACK] });
      const alertId = decodeURIComponent(/^\/v1\/alerts\/([^/]+)\/resend$/.exec(request.url ?? '')?.[1] ?? '');
      const { leadId } = JSON.parse(body) as { leadId: string };
      posted.push(`${alertId} ${leadId}`);
      // Someone re-sent the Slack one a moment ago: it is no dead letter any more.
      return alertId === DEAD_SLACK.alertId ? notFound(response, alertId, leadId) : json(response, 202, { alertId, status: 'retrying' });
    };
    const result = await runAlertsCli(['resend', '--all', '--url', url], ENV);
    expect(posted).toEqual(['alert_qual_3f9a_crm ada-1', 'alert_qual_77b1_sales-slack grace-7']);
    expect(result).toEqual({
      exitCode: 1,
      stdout: 'alert_qual_3f9a_crm (lead ada-1): re-sent (retrying)\n1 of 2 dead-lettered alerts re-sent\n',
      stderr:
        'alert_qual_77b1_sales-slack (lead grace-7): not re-sent: the notifier service answered 404 Not Found: no dead-lettered alert alert_qual_77b1_sales-slack for lead grace-7 [NOTIFIER.NO_DEAD_ALERT]\n',
    });

    handler = (request, _body, response) => (request.method === 'GET' ? json(response, 200, { alerts: [DEAD_WEBHOOK] }) : json(response, 202, { alertId: DEAD_WEBHOOK.alertId, status: 'retrying' }));
    expect(await runAlertsCli(['resend', '--all', '--url', url], ENV)).toMatchObject({ exitCode: 0, stderr: '', stdout: expect.stringMatching(/1 of 1 dead-lettered alert re-sent\n$/) });

    handler = answer(200, { alerts: [] });
    expect(await runAlertsCli(['resend', '--all', '--url', url], ENV)).toEqual({ exitCode: 0, stdout: 'No dead-lettered alerts: nothing to re-send.\n', stderr: '' });
  });

  it("should exit 1 with the service's problem and its field errors on a non-2xx answer", async () => {
    handler = (_request, _body, response) => problem(response, 400, 'REQUEST.INVALID', 'invalid request', { errors: [{ path: 'leadId', message: 'is required: a lead id' }] });
    expect(await runAlertsCli(['log', 'a|b', '--url', url], ENV)).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'the notifier service answered 400 Bad Request: invalid request (leadId is required: a lead id) [REQUEST.INVALID]\n',
    });
    handler = (_request, _body, response) => {
      response.writeHead(502, { 'content-type': 'text/plain' });
      response.end('upstream gone');
    };
    expect(await runAlertsCli(['dead-letters', '--url', url], ENV)).toMatchObject({ exitCode: 1, stderr: 'the notifier service answered 502 Bad Gateway: upstream gone\n' });
  });

  it('should exit 1 when a 2xx answer is not what the endpoint returns', async () => {
    handler = answer(200, '{"status":"ok"}');
    const result = await runAlertsCli(['dead-letters', '--url', url], ENV);
    expect(result).toMatchObject({ exitCode: 1, stderr: 'the notifier service answered 200 but not with what GET /v1/alerts/dead-letters returns: {"status":"ok"}\n' });
  });

  it('should exit 1 when the service does not answer in time', async () => {
    handler = () => undefined; // never answers
    const result = await runAlertsCli(['dead-letters', '--url', url], ENV, 200);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toBe(`cannot reach the notifier service at ${url} (no answer within 200 ms); is it running? Set --url or NOTIFIER_URL\n`);
  });

  it('should exit 1 with a clear message when the service cannot be reached', async () => {
    // A port that was free a moment ago: nothing listens on it.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runAlertsCli(['log', 'ada-1', '--url', `http://127.0.0.1:${port}`], ENV);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toMatch(new RegExp(`^cannot reach the notifier service at http://127\\.0\\.0\\.1:${port} \\(.*ECONNREFUSED.*\\)`));
  });

  it('should exit 2 with the usage on bad arguments or without a key, before any request', async () => {
    const before = requested.length;
    const result = await runAlertsCli(['resend', 'alert_qual_3f9a_crm', '--url', url], ENV);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toMatch(/^resend alert_qual_3f9a_crm needs --lead <leadId>.*\nusage: npm run alerts -- dead-letters \[--url URL\] \[--api-key KEY\]\n/);
    const keyless = await runAlertsCli(['dead-letters', '--url', url], {});
    expect(keyless).toMatchObject({ exitCode: 2, stdout: '' });
    expect(keyless.stderr).toMatch(/^an API key is required: pass --api-key KEY or set BATON_API_KEY\nusage:/);
    expect(await runAlertsCli(['purge', '--url', url], ENV)).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^unknown command purge/) });
    expect(requested.length).toBe(before);
    expect(await runAlertsCli(['--help'], {})).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^usage:/) });
  });
});
