import { requestJson, type JsonAnswer } from '@baton/cli-kit';

/** An attempt as the notifier logs it (GET /v1/alerts). */
export interface AttemptView {
  readonly at: string;
  /** `delivered`, `retry` or `reject`. */
  readonly outcome: string;
  /** The receiver's HTTP status (200 for an e-mail the SMTP server accepted), when there was an answer. */
  readonly status?: number;
  readonly latencyMs: number;
  /** Why there was no answer, or why Baton refused to send (timeout, a non-public destination, an SMTP code). */
  readonly reason?: string;
}

/** One alert (one qualification on one channel) as the notifier's alerts endpoints show it. */
export interface AlertView {
  readonly alertId: string;
  readonly qualificationId: string;
  readonly leadId: string;
  /** Absent on a restored alert. */
  readonly stage?: string;
  readonly channel: string;
  readonly team?: string;
  readonly ownerId?: string;
  /** `pending`, `retrying`, `delivered` or `dead`. */
  readonly status: string;
  readonly createdAt: string;
  readonly deliveredAt?: string;
  readonly lastResult?: string;
  readonly attempts: readonly AttemptView[];
  /** On an alert restored by `notifier:rebuild` after Redis was lost: when, and how many attempts its delivery took. */
  readonly restored?: { readonly at: string; readonly attempts: number };
}

export type Answer<T> = JsonAnswer<T>;

export const SERVICE = 'the notifier service';

/**
 * The notifier's alert endpoints, called with an API key (alerts:read, alerts:write); every failure comes back as a
 * message for the user, never as a throw.
 */
export class NotifierClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs = 10_000,
    /** The environment variable that sets the key, named when the notifier refuses it. */
    private readonly keyVariable?: string,
  ) {}

  /** GET /v1/alerts/dead-letters */
  deadLetters(): Promise<Answer<readonly AlertView[]>> {
    return this.call('GET', '/v1/alerts/dead-letters', undefined, alertsOf);
  }

  /** GET /v1/alerts?leadId= */
  alertsOf(leadId: string): Promise<Answer<readonly AlertView[]>> {
    return this.call('GET', `/v1/alerts?${new URLSearchParams({ leadId }).toString()}`, undefined, alertsOf);
  }

  /** POST /v1/alerts/:alertId/resend {leadId}: 202 when the dead letter is due again. */
  resend(alertId: string, leadId: string): Promise<Answer<{ readonly alertId: string; readonly status: string }>> {
    return this.call('POST', `/v1/alerts/${encodeURIComponent(alertId)}/resend`, { leadId }, (body) => {
      const answer = body as { alertId?: unknown; status?: unknown } | null;
      return typeof answer === 'object' && answer !== null && typeof answer.status === 'string'
        ? { alertId: typeof answer.alertId === 'string' ? answer.alertId : alertId, status: answer.status }
        : undefined;
    });
  }

  private call<T>(method: 'GET' | 'POST', path: string, payload: unknown, read: (body: unknown) => T | undefined): Promise<Answer<T>> {
    return requestJson({
      service: SERVICE,
      baseUrl: this.baseUrl,
      urlVariable: 'NOTIFIER_URL',
      apiKey: this.apiKey,
      keyVariable: this.keyVariable,
      method,
      path,
      payload,
      timeoutMs: this.timeoutMs,
      read,
    });
  }
}

function alertsOf(body: unknown): readonly AlertView[] | undefined {
  const alerts = typeof body === 'object' && body !== null ? (body as { alerts?: unknown }).alerts : undefined;
  if (!Array.isArray(alerts)) return undefined;
  const complete = alerts.every(
    (alert: Partial<AlertView> | null) => typeof alert === 'object' && alert !== null && typeof alert.alertId === 'string' && typeof alert.leadId === 'string' && Array.isArray(alert.attempts),
  );
  return complete ? (alerts as AlertView[]) : undefined;
}
