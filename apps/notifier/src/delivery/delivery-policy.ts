import type { AttemptResult } from '../channels/channel';

export type AttemptVerdict = 'delivered' | 'retry' | 'reject';

/** What an attempt's outcome means for the delivery; pure, so the policy is tested without a network. */
export function judgeAttempt(result: AttemptResult): AttemptVerdict {
  switch (result.kind) {
    case 'network':
      return 'retry';
    case 'refused':
      return 'reject';
    case 'status':
      if (result.status >= 200 && result.status < 300) return 'delivered';
      // Timeouts, throttling and server errors pass; any other client error will not change on a retry.
      if (result.status === 408 || result.status === 429 || result.status >= 500) return 'retry';
      return 'reject';
  }
}

/** Exponential backoff with up to 20 % jitter, so that many retrying alerts do not hit a receiver at once. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = baseMs * 2 ** Math.min(attempt - 1, 16);
  return Math.round(exponential * (1 + 0.2 * random()));
}

/** The wait before the next attempt: the backoff, or longer when the receiver asked for it (Retry-After). */
export function retryDelayMs(result: AttemptResult, attempt: number, baseMs: number, random: () => number = Math.random): number {
  const backoff = backoffMs(attempt, baseMs, random);
  return result.kind === 'status' && result.retryAfterMs !== undefined ? Math.max(backoff, result.retryAfterMs) : backoff;
}

export function describeAttempt(result: AttemptResult): string {
  return result.kind === 'status' ? `HTTP ${result.status}` : result.reason;
}
