import type { LeadQualifiedV1 } from '@baton/contracts';

/** The salesperson an alert is assigned to (round-robin within the routed team). */
export interface AlertOwner {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
  /** Slack member id (U…), mentioned in Slack alerts. */
  readonly slackUserId?: string;
}

/** One alert: one qualification on one channel, with its owner. Every channel renders this. */
export interface Alert {
  /** Stable per qualification and channel: the webhook-id, the e-mail Message-ID, the dedupe key. */
  readonly alertId: string;
  readonly channelId: string;
  readonly qualification: LeadQualifiedV1;
  readonly team?: string;
  readonly owner?: AlertOwner;
}

/**
 * What one attempt came to. `status`: the receiver answered (Retry-After in ms when it sent one); `network`: no
 * answer (timeout, connection refused, DNS), worth retrying; `refused`: Baton would not send there at all
 * (a private-network destination not allowlisted, an SMTP address refused): terminal.
 */
export type AttemptResult =
  { readonly kind: 'status'; readonly status: number; readonly retryAfterMs?: number } | { readonly kind: 'network'; readonly reason: string } | { readonly kind: 'refused'; readonly reason: string };

export interface AlertChannel {
  readonly id: string;
  readonly type: 'webhook' | 'slack' | 'email';
  /** Deliveries in flight at once on this channel: a slow endpoint holds its own slots only. */
  readonly maxConcurrency: number;
  /** The longest one attempt may take: a claimed delivery is leased for this and a margin. */
  readonly timeoutMs: number;
  send(alert: Alert): Promise<AttemptResult>;
}

export interface HttpPostOptions {
  readonly timeoutMs: number;
}

/** An HTTP POST that refuses private-network destinations unless allowlisted (see safe-http/). */
export interface HttpPoster {
  post(url: string, body: string, headers: Readonly<Record<string, string>>, options: HttpPostOptions): Promise<AttemptResult>;
}

/** `{leadId}`, `{qualificationId}`, `{stage}` in a channel's link template, URL-encoded. */
export function fillLinkTemplate(template: string, alert: Alert): string {
  const values: Record<string, string> = { leadId: alert.qualification.leadId, qualificationId: alert.qualification.qualificationId, stage: alert.qualification.stage };
  return template.replace(/\{(leadId|qualificationId|stage)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}
