import { FileInvalidError, formatProblem, type Problem } from '@baton/yaml-validation';

/** One thing wrong in the routing file: the same shape as a scoring-model problem (path, line, message). */
export type RoutingProblem = Problem;

/** `channels["crm-webhook"].secretEnv[0] (line 4): environment variable X is not set`. */
export const formatRoutingProblem: (problem: RoutingProblem) => string = formatProblem;

/** A routing file (or environment) that cannot be used, with every problem found. */
export class RoutingInvalidError extends FileInvalidError {
  readonly code = 'NOTIFIER.ROUTING_INVALID';

  constructor(source: string, problems: readonly RoutingProblem[]) {
    super(source, problems, 'notifier routing');
    this.name = 'RoutingInvalidError';
  }
}
