import { formatProblem, type Problem } from '@baton/yaml-validation';

/** One thing wrong in a model file, pointing where an editor can jump to (path, line, message). */
export type ModelProblem = Problem;

/** A model file that cannot be used: every problem found is listed, so that one round of fixes is enough. */
export class ScoringModelInvalidError extends Error {
  readonly code = 'SCORING_MODEL.INVALID';

  constructor(
    readonly source: string,
    readonly problems: readonly ModelProblem[],
  ) {
    super(`${source} is not a valid scoring model:\n  - ${problems.map(formatProblem).join('\n  - ')}`);
    this.name = 'ScoringModelInvalidError';
  }
}
