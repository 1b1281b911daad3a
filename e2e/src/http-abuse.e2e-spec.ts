import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { HTTP_SERVER_DEFAULTS } from '@baton/config';
import { BatonSystem, uniqueId } from '@baton/testing';

interface SocketOutcome {
  /** Everything the server wrote before the connection closed. */
  readonly response: string;
  readonly closedAfterMs: number;
}

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: unknown;
  readonly ms: number;
}

const MiB = 1024 * 1024;

/**
 * ingest as deployed (the built service, its default HTTP limits) under abusive clients: hundreds of slow-loris
 * connections, headers over the limit, bodies near and over the limit at once. It drops what is abusive (408,
 * 431, 413 with a problem), keeps serving everyone else meanwhile, never answers a 5xx, keeps its memory bounded
 * and stays up.
 */
describe('ingest under slow clients, oversized headers and oversized bodies', () => {
  const system = new BatonSystem();
  const limits = HTTP_SERVER_DEFAULTS;
  const MAX_BODY_BYTES = MiB; // API_MAX_BODY_BYTES' default
  // Past a limit a socket closes at the next check; timers fire late on a busy machine: a generous bound on "closed".
  const MARGIN_MS = limits.HTTP_CONNECTIONS_CHECK_INTERVAL_MS + 5_000;
  // Timers of both processes may fire a little early or late relative to each other.
  const SLACK_MS = 250;
  const answers: { readonly what: string; readonly status: number }[] = [];
  let pid: number;
  let port: number;

  beforeAll(async () => {
    await system.start({
      services: ['ingest'],
      webhookUrl: 'http://127.0.0.1:9/unused',
      webhookSecret: BatonSystem.newWebhookSecret(),
      consumerGroupPrefix: uniqueId('baton-http-abuse'),
      logPrefix: 'http-abuse',
    });
    pid = system.pidOf('ingest') as number;
    port = Number(new URL(system.ingestUrl).port);
  });

  afterAll(async () => {
    await system.stop();
  });

  /** Resident memory of ingest now, from the kernel. */
  const rssMiB = (): number => {
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (match === null) throw new Error(`no VmRSS in /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };

  /** Samples ingest's RSS every 200 ms; `stop()` ends it and returns the highest seen. */
  const watchPeakRss = (): { stop(): number } => {
    let peak = rssMiB();
    const timer = setInterval(() => (peak = Math.max(peak, rssMiB())), 200);
    return {
      stop: () => {
        clearInterval(timer);
        return Math.max(peak, rssMiB());
      },
    };
  };

  /** A raw connection that `drive` writes to; resolves once the server closed it, the status it answered recorded. */
  const rawConnection = (what: string, drive: (socket: Socket) => void): Promise<SocketOutcome> => {
    const started = Date.now();
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let response = '';
      socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        const status = /^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1];
        if (status !== undefined) answers.push({ what, status: Number(status) });
        resolve({ response, closedAfterMs: Date.now() - started });
      });
      socket.once('connect', () => drive(socket));
    });
  };

  /** Writes `text` one byte per `everyMs` until it is all sent or the server closed the socket. */
  const trickle = (socket: Socket, text: string, everyMs: number): void => {
    let next = 0;
    const timer = setInterval(() => {
      if (socket.destroyed || next >= text.length) return clearInterval(timer);
      socket.write(text.charAt(next++));
    }, everyMs);
  };

  const send = async (what: string, init: RequestInit & { duplex?: 'half' }, headers: Record<string, string> = system.authorized()): Promise<Answer> => {
    const started = Date.now();
    const response = await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: kept as text, and the assertions say what was expected instead.
    }
    answers.push({ what, status: response.status });
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, ms: Date.now() - started };
  };

  const event = (leadId: string, properties?: Record<string, unknown>) => ({
    eventId: randomUUID(),
    leadId,
    type: 'page_view',
    occurredAt: new Date().toISOString(),
    ...(properties === undefined ? {} : { properties }),
  });
  const postEvent = (what: string): Promise<Answer> => send(what, { body: JSON.stringify(event(uniqueId('lead'))) });
  /**
   * `{"events": [...]}` of `count` events of one lead, padded to `bytes` in total: all on one partition, more than
   * the broker takes in one record batch (message.max.bytes, 1 MB), so the producer must split the request.
   */
  const batchOf = (bytes: number, count = 100): string => {
    const leadId = uniqueId('big');
    const skeleton = JSON.stringify({ events: Array.from({ length: count }, () => event(leadId, { url: '/pricing', note: '' })) });
    const pad = 'p'.repeat(Math.floor((bytes - skeleton.length) / count));
    const text = skeleton.replaceAll('"note":""', `"note":"${pad}"`);
    expect(Buffer.byteLength(text)).toBeGreaterThan(bytes - count);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(bytes);
    return text;
  };
  const isAlive = (): boolean => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    // A zombie has exited; its pid still answers kill 0.
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  };

  it('drops 200 slow-loris connections within its timeouts, serving others meanwhile, with bounded memory', async () => {
    const rssBefore = rssMiB();
    const peak = watchPeakRss();
    // 100 connections that never finish their headers (a byte every 200 ms: 50 in 10 s, of 400 needed) ...
    const slowHeaders = Array.from({ length: 100 }, () =>
      rawConnection('slow headers', (socket) => trickle(socket, `POST /v1/events HTTP/1.1\r\nHost: ingest\r\nX-Pad: ${'h'.repeat(400)}\r\n\r\n`, 200)),
    );
    // ... and 100 authorized requests that announce 1 MB and send a byte a second: headers in time, never the body.
    const slowBodies = Array.from({ length: 100 }, () =>
      rawConnection('slow body', (socket) => {
        socket.write(`POST /v1/events HTTP/1.1\r\nHost: ingest\r\nContent-Type: application/json\r\nAuthorization: ${system.authorized().authorization}\r\nContent-Length: 1000000\r\n\r\n{"events":[`);
        trickle(socket, ' '.repeat(1000), 1000);
      }),
    );
    // Served meanwhile: a normal request every second while the sockets are held.
    const during: Answer[] = [];
    for (let second = 0; second < 5; second++) {
      during.push(await postEvent('during slow-loris'));
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const [headerOutcomes, bodyOutcomes] = await Promise.all([Promise.all(slowHeaders), Promise.all(slowBodies)]);
    const peakRss = peak.stop();
    const rssAfter = rssMiB();

    for (const answer of during) {
      expect(answer.status).toBe(202);
      expect(answer.ms).toBeLessThan(5_000);
    }
    for (const outcome of headerOutcomes) {
      expect(outcome.response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(limits.HTTP_HEADERS_TIMEOUT_MS - SLACK_MS);
      expect(outcome.closedAfterMs).toBeLessThan(limits.HTTP_HEADERS_TIMEOUT_MS + MARGIN_MS);
    }
    for (const outcome of bodyOutcomes) {
      expect(outcome.response).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      // Headers were complete: only the whole-request timeout may close these.
      expect(outcome.closedAfterMs).toBeGreaterThanOrEqual(limits.HTTP_REQUEST_TIMEOUT_MS - SLACK_MS);
      expect(outcome.closedAfterMs).toBeLessThan(limits.HTTP_REQUEST_TIMEOUT_MS + MARGIN_MS);
    }
    process.stdout.write(`http-abuse slow-loris: ingest RSS ${rssBefore.toFixed(0)} MiB before, peak ${peakRss.toFixed(0)} MiB, ${rssAfter.toFixed(0)} MiB after\n`);
    expect(peakRss - rssBefore).toBeLessThan(64);
    expect(rssAfter).toBeLessThan(400);
    expect((await postEvent('after slow-loris')).status).toBe(202);
  }, 90_000);

  it('answers 431 to headers over the limit, many at once, and still serves', async () => {
    const oversized = (headerBlock: string) =>
      rawConnection('oversized headers', (socket) => socket.write(`POST /v1/events HTTP/1.1\r\nHost: ingest\r\n${headerBlock}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`));
    const outcomes = await Promise.all([
      ...Array.from({ length: 25 }, () => oversized(`X-Big: ${'b'.repeat(64 * 1024)}\r\n`)),
      // The limit is on the whole block, not per header.
      ...Array.from({ length: 25 }, () => oversized(Array.from({ length: 400 }, (_, index) => `X-Many-${index}: ${'m'.repeat(60)}\r\n`).join(''))),
    ]);
    for (const outcome of outcomes) {
      expect(outcome.response).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
      expect(outcome.closedAfterMs).toBeLessThan(10_000);
    }
    // Just under the limit is fine: an ordinary request with a large header gets through to the API.
    const near = await send('headers near the limit', { body: JSON.stringify(event(uniqueId('lead'))) }, { ...system.authorized(), 'x-near-limit': 'n'.repeat(limits.HTTP_MAX_HEADER_BYTES - 1024) });
    expect(near.status).toBe(202);
    expect((await postEvent('after oversized headers')).status).toBe(202);
  });

  it('answers bodies over the limit with a 413 problem and takes allowed ones, many at once, with bounded memory', async () => {
    const rssBefore = rssMiB();
    const peak = watchPeakRss();
    const over = 'x'.repeat(MAX_BODY_BYTES + 512 * 1024);
    // Chunked: no Content-Length to refuse it by, so the limit holds while it arrives.
    const chunked = (): ReadableStream<Uint8Array> => {
      let sent = 0;
      const chunk = new TextEncoder().encode(`{"events":[${'"y",'.repeat(16 * 1024)}`);
      return new ReadableStream({
        pull(controller) {
          if (sent > 2 * MAX_BODY_BYTES) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
    };
    const results = await Promise.all([
      ...Array.from({ length: 10 }, () => send('allowed large body', { body: batchOf(MAX_BODY_BYTES - 4096) })),
      ...Array.from({ length: 20 }, () => send('body over the limit', { body: over })),
      ...Array.from({ length: 5 }, () => send('chunked body over the limit', { body: chunked(), duplex: 'half' })),
    ]);
    const peakRss = peak.stop();
    const rssAfter = rssMiB();

    for (const result of results.slice(0, 10)) expect(result).toMatchObject({ status: 202, body: { stored: 100, rejected: 0 } });
    for (const result of results.slice(10)) {
      expect(result.status).toBe(413);
      expect(result.contentType).toMatch(/^application\/problem\+json/);
      expect(result.body).toMatchObject({ status: 413, code: 'REQUEST.BODY_TOO_LARGE', detail: `the request body is larger than ${MAX_BODY_BYTES} bytes` });
    }
    process.stdout.write(`http-abuse large bodies: ingest RSS ${rssBefore.toFixed(0)} MiB before, peak ${peakRss.toFixed(0)} MiB, ${rssAfter.toFixed(0)} MiB after\n`);
    // About 45 MiB of bodies arrive at once; what is refused is read off and dropped, never kept.
    expect(peakRss - rssBefore).toBeLessThan(256);
    expect(rssAfter).toBeLessThan(512);
  }, 90_000);

  it('never answered a 5xx, and is still up and serving', async () => {
    expect(answers.length).toBeGreaterThan(80);
    expect(answers.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(isAlive()).toBe(true);
    expect((await fetch(`${system.ingestUrl}/health/live`)).status).toBe(200);
    expect((await postEvent('at the end')).status).toBe(202);
  });
});
