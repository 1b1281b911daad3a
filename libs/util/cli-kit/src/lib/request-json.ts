/** What {@link requestJson} gives back: the body as `read` made it, or why there is none, as a message for the user. */
export type JsonAnswer<T> = { readonly ok: true; readonly body: T } | { readonly ok: false; readonly problem: JsonProblem; readonly message: string };

/** `unreachable` (no connection), `timeout` (no answer in time), `status` (an answer not counted as success), `shape` (a success that is not what was expected). */
export type JsonProblem = 'unreachable' | 'timeout' | 'status' | 'shape';

export interface JsonRequest<T> {
  /** How messages name the service: "the notifier service". */
  readonly service: string;
  /** Its base URL, without a trailing slash. */
  readonly baseUrl: string;
  /** The environment variable that sets the base URL, named when the service cannot be reached. */
  readonly urlVariable: string;
  readonly method?: 'GET' | 'POST';
  /** Appended to the base URL, with its query if any. */
  readonly path: string;
  /** Sent as a JSON body when given. */
  readonly payload?: unknown;
  readonly timeoutMs: number;
  /** The body (parsed JSON, `undefined` when it is not JSON) as the caller wants it, or `undefined` when it is not what was expected. */
  readonly read: (body: unknown) => T | undefined;
  /** What a success should hold, for the message when it does not: "a funnel report". Default: "what GET /path returns". */
  readonly expected?: string;
  /** The one status that counts as success; by default any 2xx does. */
  readonly successStatus?: number;
}

/** Sends one JSON request with a timeout; every failure comes back as a message for the user, never as a throw. */
export async function requestJson<T>(request: JsonRequest<T>): Promise<JsonAnswer<T>> {
  const { service, baseUrl, path, payload, timeoutMs } = request;
  const method = request.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: payload === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const { problem, detail } = networkProblem(error, timeoutMs);
    return { ok: false, problem, message: `cannot reach ${service} at ${baseUrl} (${detail}); is it running? Set --url or ${request.urlVariable}` };
  }
  const text = await response.text().catch(() => '');
  const success = request.successStatus === undefined ? response.status >= 200 && response.status <= 299 : response.status === request.successStatus;
  if (!success) {
    return { ok: false, problem: 'status', message: `${service} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${errorMessage(text)}` };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const value = request.read(body);
  if (value !== undefined) return { ok: true, body: value };
  const expected = request.expected ?? `what ${method} ${path.split('?')[0] ?? path} returns`;
  return { ok: false, problem: 'shape', message: `${service} answered ${response.status} but not with ${expected}: ${excerpt(text) || '(empty body)'}` };
}

function networkProblem(error: unknown, timeoutMs: number): { readonly problem: 'unreachable' | 'timeout'; readonly detail: string } {
  // Read by shape, not instanceof: fetch's errors may come from another realm (a test VM).
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown; code?: unknown } };
  if (name === 'TimeoutError') return { problem: 'timeout', detail: `no answer within ${timeoutMs} ms` };
  // fetch wraps the socket error: "fetch failed", caused by "connect ECONNREFUSED 127.0.0.1:3003".
  for (const detail of [cause?.message, cause?.code, message]) if (typeof detail === 'string' && detail !== '') return { problem: 'unreachable', detail };
  return { problem: 'unreachable', detail: String(error) };
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
