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
  readonly stage: string;
  readonly channel: string;
  readonly team?: string;
  readonly ownerId?: string;
  /** `pending`, `retrying`, `delivered` or `dead`. */
  readonly status: string;
  readonly createdAt: string;
  readonly deliveredAt?: string;
  readonly lastResult?: string;
  readonly attempts: readonly AttemptView[];
}

export type Answer<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly message: string };

export const SERVICE = 'the notifier service';

/** The notifier's alert endpoints; every failure comes back as a message for the user, never as a throw. */
export class NotifierClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
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
      return typeof answer === 'object' && answer !== null && typeof answer.status === 'string' ? { alertId: typeof answer.alertId === 'string' ? answer.alertId : alertId, status: answer.status } : undefined;
    });
  }

  private async call<T>(method: 'GET' | 'POST', path: string, payload: unknown, read: (body: unknown) => T | undefined): Promise<Answer<T>> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: payload === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      return { ok: false, message: `cannot reach ${SERVICE} at ${this.baseUrl} (${networkProblem(error, this.timeoutMs)}); is it running? Set --url or NOTIFIER_URL` };
    }
    const text = await response.text().catch(() => '');
    if (response.status < 200 || response.status > 299) {
      return { ok: false, message: `${SERVICE} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${errorMessage(text)}` };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const value = read(body);
    return value === undefined ? { ok: false, message: `${SERVICE} answered ${response.status} but not with what ${method} ${path.split('?')[0] ?? path} returns: ${excerpt(text) || '(empty body)'}` } : { ok: true, body: value };
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

function networkProblem(error: unknown, timeoutMs: number): string {
  // Read by shape, not instanceof: fetch's errors may come from another realm (a test VM).
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown; code?: unknown } };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // fetch wraps the socket error: "fetch failed", caused by "connect ECONNREFUSED 127.0.0.1:3003".
  for (const detail of [cause?.message, cause?.code, message]) if (typeof detail === 'string' && detail !== '') return detail;
  return String(error);
}

/** The service's own words: Nest's `message` (and each violation), else the body as it came. */
function errorMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown; violations?: unknown };
    const message = Array.isArray(body.message) ? body.message.join('; ') : typeof body.message === 'string' ? body.message : undefined;
    const violations = Array.isArray(body.violations)
      ? (body.violations as { path?: unknown; message?: unknown }[]).map((violation) => `${String(violation.path)} ${String(violation.message)}`)
      : [];
    if (message !== undefined) return violations.length === 0 ? message : `${message} (${violations.join('; ')})`;
  } catch {
    // not JSON: shown as it is
  }
  return excerpt(text) || '(empty body)';
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
