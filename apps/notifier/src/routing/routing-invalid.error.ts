import type { ModelProblem } from '@baton/scoring-domain';

/** One thing wrong in the routing file: the same shape as a scoring-model problem (path, line, message). */
export type RoutingProblem = ModelProblem;

/** A routing file (or environment) that cannot be used: every problem found, so that one round of fixes is enough. */
export class RoutingInvalidError extends Error {
  readonly code = 'NOTIFIER.ROUTING_INVALID';

  constructor(
    readonly source: string,
    readonly problems: readonly RoutingProblem[],
  ) {
    super(`${source} is not a valid notifier routing:\n  - ${problems.map(formatRoutingProblem).join('\n  - ')}`);
    this.name = 'RoutingInvalidError';
  }
}

/** `channels["crm-webhook"].secretEnv[0] (line 4): environment variable X is not set`. */
export function formatRoutingProblem(problem: RoutingProblem): string {
  const line = problem.line === undefined ? '' : `line ${problem.line}`;
  if (problem.path === '') return `${line || 'the file'}: ${problem.message}`;
  return `${problem.path}${line ? ` (${line})` : ''}: ${problem.message}`;
}
