import type { ProblemFieldError } from './problem.exception';

/** The clock limits of the API: a date may be ahead of ours by the sender's clock skew, no more. */
export interface DateLimits {
  readonly now: Date;
  readonly maxFutureSkewMs: number;
}

/**
 * A date later than now + the allowed skew is refused: it would sit in the future of every decay and window
 * computation, and a wrong clock or a wrong unit is the usual cause. Only valid dates are checked here; the
 * contract refuses the others with its own message.
 */
export function futureDateErrors(path: string, value: unknown, limits: DateLimits): ProblemFieldError[] {
  if (typeof value !== 'string') return [];
  const time = Date.parse(value);
  const latest = limits.now.getTime() + limits.maxFutureSkewMs;
  if (Number.isNaN(time) || time <= latest) return [];
  return [{ path, message: `must not be later than ${new Date(latest).toISOString()} (now plus ${Math.round(limits.maxFutureSkewMs / 1000)} s of clock skew)` }];
}
