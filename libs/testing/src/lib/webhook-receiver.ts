import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '@baton/webhook-signature';

export interface ReceivedWebhook {
  readonly id: string;
  readonly verified: boolean;
  readonly verification: string;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
  /** When the request's body had arrived (ms since the epoch). */
  readonly receivedAt: number;
  /** What the receiver answered; undefined while it hangs, and for good when it never answered. */
  status?: number;
}

/** How the receiver answers: normally (2xx when the signature verifies), with an error status, or not at all. */
export type ReceiverMode = { readonly kind: 'normal' } | { readonly kind: 'failing'; readonly status: number } | { readonly kind: 'hanging' };

/** A local webhook endpoint that verifies every delivery's signature and can be told to answer errors. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private scriptedStatuses: number[] = [];
  private answerDelayMs = 0;
  private mode: ReceiverMode = { kind: 'normal' };
  private readonly hanging = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(secret: string): Promise<WebhookReceiver> {
    // The request handler needs the receiver, which needs the server's port: a holder breaks the cycle.
    const holder: { receiver?: WebhookReceiver } = {};
    const server = createServer((request, response) => {
      const receiver = holder.receiver;
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const verification = verifyWebhook(secret, request.headers, body);
        const delivery: ReceivedWebhook = {
          id: String(request.headers['webhook-id'] ?? ''),
          verified: verification.ok,
          verification: verification.ok ? 'ok' : verification.reason,
          body,
          headers: request.headers,
          receivedAt: Date.now(),
        };
        receiver?.received.push(delivery);
        if (receiver?.mode.kind === 'hanging') {
          receiver.hanging.add(response);
          return;
        }
        const status = receiver?.scriptedStatuses.shift() ?? (receiver?.mode.kind === 'failing' ? receiver.mode.status : verification.ok ? 204 : 401);
        setTimeout(() => {
          delivery.status = status;
          response.writeHead(status).end();
        }, receiver?.answerDelayMs ?? 0);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/alerts`);
    return holder.receiver;
  }

  /** The next deliveries are answered with these statuses, in order, whatever their signature. */
  answerNext(...statuses: number[]): void {
    this.scriptedStatuses.push(...statuses);
  }

  /** Answers every delivery this late (a slow endpoint), so that deliveries are in flight for a while. */
  answerAfter(ms: number): void {
    this.answerDelayMs = ms;
  }

  /** From now on, answers this way; leaving `hanging` drops the requests left hanging, unanswered. */
  setMode(mode: ReceiverMode): void {
    this.mode = mode;
    if (mode.kind === 'hanging') return;
    for (const response of this.hanging) response.destroy();
    this.hanging.clear();
  }

  deliveriesFor(leadId: string): ReceivedWebhook[] {
    return this.received.filter((delivery) => {
      try {
        return (JSON.parse(delivery.body) as { leadId?: unknown }).leadId === leadId;
      } catch {
        return false;
      }
    });
  }

  async stop(): Promise<void> {
    this.setMode({ kind: 'normal' });
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
