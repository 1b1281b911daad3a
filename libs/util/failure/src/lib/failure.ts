/**
 * How a consumer's handler says that a message failed. The consumer runner decides from the kind what to do:
 * give up at once, wait for a dependency, or retry a bounded number of times.
 */

/** The message can never be processed (invalid payload, unknown version): dead-letter it now. */
export class TerminalError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TerminalError';
  }
}

/**
 * A dependency (Redis, the broker) is down: every message would fail alike, so the partition waits and
 * retries without limit instead of dead-lettering good messages.
 */
export class DependencyUnavailableError extends Error {
  constructor(
    readonly dependency: string,
    cause: unknown,
  ) {
    super(`${dependency} unavailable: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'DependencyUnavailableError';
  }
}

export type FailureKind = 'terminal' | 'dependency' | 'retryable';

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof TerminalError) return 'terminal';
  if (error instanceof DependencyUnavailableError) return 'dependency';
  return 'retryable';
}

export function describeError(error: unknown): string {
  if (error instanceof TerminalError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
