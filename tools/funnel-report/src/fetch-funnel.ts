import type { FunnelReport } from '@baton/lifecycle-domain';
import type { FunnelArgs } from './parse-funnel-args';

export type FetchResult = { readonly ok: true; readonly report: FunnelReport } | { readonly ok: false; readonly message: string };

/** GET `<url>/v1/funnel?from=&to=`: the report, or why there is none (service unreachable, non-200 and its message). */
export async function fetchFunnel(args: FunnelArgs, timeoutMs = 10_000): Promise<FetchResult> {
  const url = `${args.url}/v1/funnel?${new URLSearchParams({ from: args.from, to: args.to }).toString()}`;
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return { ok: false, message: `cannot reach the lifecycle service at ${args.url} (${networkProblem(error, timeoutMs)}); is it running? Set --url or LIFECYCLE_URL` };
  }
  const text = await response.text().catch(() => '');
  if (response.status !== 200) {
    return { ok: false, message: `the lifecycle service answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${errorMessage(text)}` };
  }
  const report = parseReport(text);
  return report === undefined ? { ok: false, message: `the lifecycle service answered 200 but not with a funnel report: ${excerpt(text)}` } : { ok: true, report };
}

function networkProblem(error: unknown, timeoutMs: number): string {
  // Read by shape, not instanceof: fetch's errors may come from another realm (a test VM).
  const { name, message, cause } = (error ?? {}) as { name?: unknown; message?: unknown; cause?: { message?: unknown; code?: unknown } };
  if (name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // fetch wraps the socket error: "fetch failed", caused by "connect ECONNREFUSED 127.0.0.1:3002".
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

function parseReport(text: string): FunnelReport | undefined {
  try {
    const body = JSON.parse(text) as Partial<FunnelReport> | null;
    const complete = typeof body === 'object' && body !== null && typeof body.stageCounts === 'object' && Array.isArray(body.cohorts) && typeof body.mqlToSql === 'object' && typeof body.salesAcceptance === 'object';
    return complete ? (body as FunnelReport) : undefined;
  } catch {
    return undefined;
  }
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}
