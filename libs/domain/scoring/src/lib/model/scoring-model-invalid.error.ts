/** One thing wrong in a model file, pointing where an editor can jump to. */
export interface ModelProblem {
  /** Dotted with [index], e.g. `engagement.rules[3].when[0].matches`; '' for the file as a whole. */
  readonly path: string;
  /** 1-based line in the file, when the problem can be placed. */
  readonly line?: number;
  /** Plain English, meant for whoever edits the file. */
  readonly message: string;
}

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

/** `engagement.rules[3].points (line 42): must be an integer`. */
export function formatProblem(problem: ModelProblem): string {
  const line = problem.line === undefined ? '' : `line ${problem.line}`;
  if (problem.path === '') return `${line || 'the file'}: ${problem.message}`;
  return `${problem.path}${line ? ` (${line})` : ''}: ${problem.message}`;
}
