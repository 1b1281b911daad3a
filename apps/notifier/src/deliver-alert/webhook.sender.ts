import { Injectable } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import { signWebhook } from '@baton/webhook-signature';
import type { AttemptResult } from './delivery-policy';

/** One signed POST to the configured webhook; each attempt is signed anew (fresh timestamp, same id). */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: NotifierEnv) {}

  async send(webhookId: string, body: string): Promise<AttemptResult> {
    try {
      const response = await fetch(this.config.NOTIFIER_WEBHOOK_URL, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signWebhook(this.config.NOTIFIER_WEBHOOK_SECRET, webhookId, body) },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.NOTIFIER_WEBHOOK_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      return { kind: 'status', status: response.status };
    } catch (error) {
      return { kind: 'network', reason: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
    }
  }
}
