/** What a webhook answer means for the delivery; pure, so the policy is tested without a network. */
export type AttemptResult = { readonly kind: 'status'; readonly status: number } | { readonly kind: 'network'; readonly reason: string };

export type AttemptVerdict = 'delivered' | 'retry' | 'reject';

export function judgeAttempt(result: AttemptResult): AttemptVerdict {
  if (result.kind === 'network') return 'retry';
  if (result.status >= 200 && result.status < 300) return 'delivered';
  // Timeouts, throttling and server errors pass; any other client error will not change on a retry.
  if (result.status === 408 || result.status === 429 || result.status >= 500) return 'retry';
  return 'reject';
}

/** Exponential backoff with up to 20 % jitter, so that many retrying alerts do not hit a receiver at once. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** Math.min(attempt - 1, 16);
  return Math.round(exponential * (1 + 0.2 * random()));
}

export function describeAttempt(result: AttemptResult): string {
  return result.kind === 'status' ? `HTTP ${result.status}` : result.reason;
}
