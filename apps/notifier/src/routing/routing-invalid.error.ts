import { formatProblem, type Problem } from '@baton/yaml-validation';

/** One thing wrong in the routing file: the same shape as a scoring-model problem (path, line, message). */
export type RoutingProblem = Problem;

/** `channels["crm-webhook"].secretEnv[0] (line 4): environment variable X is not set`. */
export const formatRoutingProblem: (problem: RoutingProblem) => string = formatProblem;

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
