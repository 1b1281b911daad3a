import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AttemptResult, HttpPoster } from '../../channel';
import { SlackChannel } from '../slack.channel';
import { alert } from './alert.fixture';

/** A tiny real poster over fetch; production uses the SSRF-safe one. */
const fetchPoster: HttpPoster = {
  async post(url, body, headers, options): Promise<AttemptResult> {
    try {
      const response = await fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(options.timeoutMs) });
      await response.text();
      return { kind: 'status', status: response.status };
    } catch (error) {
      return { kind: 'network', reason: error instanceof Error ? error.message : String(error) };
    }
  },
};

interface Received {
  readonly path: string;
  readonly contentType: string;
  readonly body: { text?: unknown; blocks?: unknown };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** Answers like Slack's incoming webhooks: "ok" for a JSON message with blocks, 400 invalid_payload otherwise. */
function slackShapedEndpoint(received: Received[]): Server {
  return createServer((request, response) => {
    readBody(request)
      .then((raw) => {
        const contentType = request.headers['content-type'] ?? '';
        let body: Received['body'] = {};
        try {
          body = JSON.parse(raw) as Received['body'];
        } catch {
          // answered below
        }
        received.push({ path: request.url ?? '', contentType, body });
        const ok = request.method === 'POST' && contentType.startsWith('application/json') && Array.isArray(body.blocks) && typeof body.text === 'string';
        response.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain' }).end(ok ? 'ok' : 'invalid_payload');
      })
      .catch(() => response.writeHead(500).end());
  });
}

describe('SlackChannel', () => {
  let server: Server;
  let baseUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    server = slackShapedEndpoint(received);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  beforeEach(() => {
    received.length = 0;
  });

  it('should post the Block Kit message as JSON and return the answer when the endpoint is Slack-shaped', async () => {
    const channel = new SlackChannel(
      { id: 'slack-sales', url: `${baseUrl}/services/T000/B000/XXXX`, linkTemplate: 'https://crm.example/leads/{leadId}', timeoutMs: 2000, maxConcurrency: 2 },
      fetchPoster,
    );

    const result = await channel.send(alert());

    expect(result).toEqual({ kind: 'status', status: 200 });
    expect(channel).toMatchObject({ id: 'slack-sales', type: 'slack', maxConcurrency: 2 });
    expect(received).toHaveLength(1);
    expect(received[0]?.path).toBe('/services/T000/B000/XXXX');
    expect(received[0]?.contentType).toMatch(/^application\/json/);
    expect(received[0]?.body.text).toBe('New SQL: Ada Lovelace, Northwind: requested a demo; fit A passed the gate of B or better');
    expect(JSON.stringify(received[0]?.body.blocks)).toContain('https://crm.example/leads/lead-42');
  });

  it('should hand the poster the timeout and return what it answers when the endpoint refuses', async () => {
    const calls: { url: string; timeoutMs: number }[] = [];
    const poster: HttpPoster = {
      post: async (url, _body, _headers, options) => {
        calls.push({ url, timeoutMs: options.timeoutMs });
        return { kind: 'status', status: 404 };
      },
    };
    const channel = new SlackChannel({ id: 's', url: 'https://hooks.slack.com/services/x', timeoutMs: 1234, maxConcurrency: 1 }, poster);

    await expect(channel.send(alert())).resolves.toEqual({ kind: 'status', status: 404 });
    expect(calls).toEqual([{ url: 'https://hooks.slack.com/services/x', timeoutMs: 1234 }]);
  });
});
