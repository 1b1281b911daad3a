import { formatPath, type Finding } from './path';
import type { YamlLocator } from './yaml-locator';

/** One thing wrong in a YAML file, pointing where an editor can jump to. */
export interface Problem {
  /** Dotted with [index], e.g. `engagement.rules[3].when[0].matches`; '' for the file as a whole. */
  readonly path: string;
  /** 1-based line in the file, when the problem can be placed. */
  readonly line?: number;
  /** Plain English, meant for whoever edits the file. */
  readonly message: string;
}

/** `engagement.rules[3].points (line 42): must be an integer`; `line 3: ...` or `the file: ...` without a path. */
export function formatProblem(problem: Problem): string {
  const line = problem.line === undefined ? '' : `line ${problem.line}`;
  if (problem.path === '') return `${line || 'the file'}: ${problem.message}`;
  return `${problem.path}${line ? ` (${line})` : ''}: ${problem.message}`;
}

/** A file that cannot be used: every problem found is listed, so that one round of fixes is enough. */
export abstract class FileInvalidError extends Error {
  abstract readonly code: string;

  constructor(
    readonly source: string,
    readonly problems: readonly Problem[],
    /** What the file was to be, e.g. `scoring model`. */
    kind: string,
  ) {
    super(`${source} is not a valid ${kind}:\n  - ${problems.map(formatProblem).join('\n  - ')}`);
  }
}

/** Findings as problems: each once, with its line, in file order (the order an editor fixes them in). */
export function toProblems(findings: readonly Finding[], locator: YamlLocator): Problem[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const finding of findings) {
    const path = formatPath(finding.path);
    if (seen.has(`${path}\n${finding.message}`)) continue;
    seen.add(`${path}\n${finding.message}`);
    const line = locator.lineOf(finding.path);
    problems.push(line === undefined ? { path, message: finding.message } : { path, line, message: finding.message });
  }
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.line ?? Infinity) - (b.problem.line ?? Infinity) || a.index - b.index)
    .map(({ problem }) => problem);
}
