import type { LeadQualifiedV1 } from '@baton/contracts';
import { signWebhookWithSecrets } from '@baton/webhook-signature';
import type { Alert, AlertChannel, AttemptResult, HttpPoster } from '../channel';

export interface WebhookChannelConfig {
  readonly id: string;
  /** The receiver's URL (may carry a token in its query): never logged. */
  readonly url: string;
  /** 1 or 2 `whsec_` secrets; during a rotation both sign, so receivers holding either one verify. */
  readonly secrets: readonly string[];
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
}

/** What a webhook receiver gets: the qualification, where it was routed, and its owner without contact details. */
export interface WebhookAlertBody extends LeadQualifiedV1 {
  readonly type: 'lead.qualified';
  readonly alertId: string;
  readonly channel: string;
  readonly team?: string;
  readonly owner?: { readonly id: string; readonly name: string };
}

/**
 * Posts an alert as a Standard Webhooks delivery: `webhook-id` is the alert id (the same on every retry, so
 * receivers deduplicate), `webhook-timestamp` is fresh on every attempt, `webhook-signature` carries a `v1`
 * signature per configured secret. What the answer means is the shared delivery policy's business.
 */
export class WebhookChannel implements AlertChannel {
  readonly type = 'webhook' as const;
  readonly id: string;
  readonly maxConcurrency: number;
  readonly timeoutMs: number;

  constructor(
    private readonly config: WebhookChannelConfig,
    private readonly poster: HttpPoster,
  ) {
    if (config.secrets.length < 1 || config.secrets.length > 2) {
      throw new Error(`webhook channel ${config.id} needs 1 or 2 signing secrets (2 only during a rotation), got ${config.secrets.length}`);
    }
    if (config.secrets.some((secret) => secret.trim().length === 0 || secret === 'whsec_')) {
      throw new Error(`webhook channel ${config.id} has an empty signing secret`);
    }
    this.id = config.id;
    this.maxConcurrency = config.maxConcurrency;
    this.timeoutMs = config.timeoutMs;
  }

  send(alert: Alert): Promise<AttemptResult> {
    const body = JSON.stringify(webhookAlertBody(alert, this.id));
    const headers = { 'content-type': 'application/json', ...signWebhookWithSecrets(this.config.secrets, alert.alertId, body) };
    return this.poster.post(this.config.url, body, headers, { timeoutMs: this.config.timeoutMs });
  }
}

/** The body, field by field: nothing else of the alert (the owner's e-mail, Slack id) goes out. */
export function webhookAlertBody(alert: Alert, channelId: string): WebhookAlertBody {
  const q = alert.qualification;
  return {
    type: 'lead.qualified',
    alertId: alert.alertId,
    channel: channelId,
    ...(alert.team === undefined ? {} : { team: alert.team }),
    ...(alert.owner === undefined ? {} : { owner: { id: alert.owner.id, name: alert.owner.name } }),
    qualificationId: q.qualificationId,
    leadId: q.leadId,
    stage: q.stage,
    previousStage: q.previousStage,
    rule: q.rule,
    reason: q.reason,
    score: q.score,
    engagement: q.engagement,
    fit: q.fit,
    grade: q.grade,
    breakdown: q.breakdown,
    topSignals: q.topSignals,
    journey: q.journey,
    profile: q.profile,
    causeEventId: q.causeEventId,
    modelVersion: q.modelVersion,
    qualifiedAt: q.qualifiedAt,
  };
}
