import { FileInvalidError, type Problem } from '@baton/yaml-validation';

/** One thing wrong in a model file, pointing where an editor can jump to (path, line, message). */
export type ModelProblem = Problem;

/** A model file that cannot be used, with every problem found. */
export class ScoringModelInvalidError extends FileInvalidError {
  readonly code = 'SCORING_MODEL.INVALID';

  constructor(source: string, problems: readonly ModelProblem[]) {
    super(source, problems, 'scoring model');
    this.name = 'ScoringModelInvalidError';
  }
}
