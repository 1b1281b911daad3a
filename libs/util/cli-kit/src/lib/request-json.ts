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
  /** Sent as `Authorization: Bearer <apiKey>` when given. */
  readonly apiKey?: string;
  /** The environment variable that sets the key, named with `--api-key` when the service refuses it (401, 403). */
  readonly keyVariable?: string;
}

/** Sends one JSON request with a timeout; every failure comes back as a message for the user, never as a throw. */
export async function requestJson<T>(request: JsonRequest<T>): Promise<JsonAnswer<T>> {
  const { service, baseUrl, path, payload, timeoutMs } = request;
  const method = request.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (request.apiKey !== undefined) headers['authorization'] = `Bearer ${request.apiKey}`;
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
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
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const advice = statusAdvice(response.status, response.headers.get('retry-after'), request.keyVariable);
    return { ok: false, problem: 'status', message: `${service} answered ${status}: ${errorMessage(text)}${advice === undefined ? '' : `; ${advice}`}` };
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

/**
 * The service's own words: a problem+json body's `detail` (else its `title`), each field error as `path message`,
 * and its `code`; else Nest's `message` (and each violation); else the body as it came.
 */
function errorMessage(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return excerpt(text) || '(empty body)';
  }
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    const fields = body as { detail?: unknown; title?: unknown; code?: unknown; errors?: unknown; message?: unknown; violations?: unknown };
    const problem = typeof fields.detail === 'string' && fields.detail !== '' ? fields.detail : typeof fields.code === 'string' && typeof fields.title === 'string' ? fields.title : undefined;
    if (problem !== undefined) {
      const errors = pathMessages(fields.errors);
      const code = typeof fields.code === 'string' && fields.code !== '' ? ` [${fields.code}]` : '';
      return `${problem}${errors.length === 0 ? '' : ` (${errors.join('; ')})`}${code}`;
    }
    const message = Array.isArray(fields.message) ? fields.message.map(String).join('; ') : typeof fields.message === 'string' ? fields.message : undefined;
    if (message !== undefined) {
      const violations = pathMessages(fields.violations);
      return violations.length === 0 ? message : `${message} (${violations.join('; ')})`;
    }
  }
  return excerpt(text) || '(empty body)';
}

/** `[{ path, message }]` as `path message` each; anything else in the list as it is. */
function pathMessages(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item: unknown) => {
    const { path, message } = (typeof item === 'object' && item !== null ? item : {}) as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return typeof item === 'string' ? item : JSON.stringify(item);
    return typeof path === 'string' && path !== '' ? `${path} ${message}` : message;
  });
}

/** What the user can do about a refusal: pass another key (401, 403), or wait as the service says (Retry-After). */
function statusAdvice(status: number, retryAfter: string | null, keyVariable: string | undefined): string | undefined {
  const setting = `--api-key${keyVariable === undefined ? '' : ` or set ${keyVariable}`}`;
  if (status === 401) return `pass a valid, unrevoked API key with ${setting}`;
  if (status === 403) return `pass a key that has the scope this needs with ${setting}`;
  // Seconds or an HTTP date; sent with 429 (rate limit) and 503.
  const after = retryAfter?.trim() ?? '';
  if (after !== '') return `try again ${/^\d+$/.test(after) ? `in ${after} s` : `after ${after}`}`;
  return undefined;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
