import type { Alert, AlertChannel, AttemptResult, HttpPoster } from '../channel';
import { slackMessage } from './slack-message';

export interface SlackChannelConfig {
  readonly id: string;
  /** The incoming-webhook URL: a secret, never logged. */
  readonly url: string;
  /** `{leadId}`, `{qualificationId}`, `{stage}`: the "Open lead" button; no button without it. */
  readonly linkTemplate?: string;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
}

/**
 * Posts an alert to a Slack incoming webhook as a Block Kit message. What the answer means (2xx delivered,
 * 429/5xx retried, other 4xx such as 404 `no_service` or 410 `channel_is_archived` rejected) is the shared
 * delivery policy's business; this returns the poster's result as it is.
 */
export class SlackChannel implements AlertChannel {
  readonly type = 'slack' as const;
  readonly id: string;
  readonly maxConcurrency: number;
  readonly timeoutMs: number;

  constructor(
    private readonly config: SlackChannelConfig,
    private readonly poster: HttpPoster,
  ) {
    this.id = config.id;
    this.maxConcurrency = config.maxConcurrency;
    this.timeoutMs = config.timeoutMs;
  }

  send(alert: Alert): Promise<AttemptResult> {
    const body = JSON.stringify(slackMessage(alert, this.config.linkTemplate));
    return this.poster.post(this.config.url, body, { 'content-type': 'application/json; charset=utf-8' }, { timeoutMs: this.config.timeoutMs });
  }
}
