import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { formatPath, type ModelFinding, type PathSegment } from './model-path';
import { schemaFindings } from './schema-findings';
import type { ScoringModel } from './scoring-model';
import type { ScoringModelFile } from './scoring-model-file';
import { ScoringModelInvalidError, type ModelProblem } from './scoring-model-invalid.error';
import { semanticFindings } from './semantic-findings';
import { toScoringModel } from './to-scoring-model';
import { YamlLocator } from './yaml-locator';

/**
 * Reads a model file (YAML): syntax, then scoring-model.schema.json, then what a schema cannot check (unique
 * ids, regular expressions, grade order, ranges, rules hidden by an earlier one, the stages' activity rules and
 * SQL score). Every problem is reported at
 * once, with its path and line, in a ScoringModelInvalidError; `source` names the file in that message.
 * Pure: the caller reads the file.
 */
export function parseScoringModel(text: string, source = 'scoring model'): ScoringModel {
  const lineCounter = new LineCounter();
  // Duplicate keys are errors: with "last one wins", a pasted rule would silently change another.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locator = new YamlLocator(doc, lineCounter);
  if (doc.errors.length > 0) throw new ScoringModelInvalidError(source, yamlProblems(doc.errors, locator));

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error: unknown) {
    // An alias bomb, or an alias to an anchor defined later.
    throw new ScoringModelInvalidError(source, [{ path: '', message: error instanceof Error ? error.message : String(error) }]);
  }

  const place = (path: readonly PathSegment[]): string => withLine(formatPath(path), locator.lineOf(path));
  const findings = [...schemaFindings(data), ...semanticFindings(data, place)];
  if (findings.length > 0) throw new ScoringModelInvalidError(source, toProblems(findings, locator));
  // The schema and the checks above have accepted it: it has the file's shape.
  return toScoringModel(data as ScoringModelFile);
}

/**
 * After a syntax error the parser's later complaints are mostly echoes of it, so only the first is shown; a
 * duplicate key leaves the rest of the file readable, so every one is.
 */
function yamlProblems(errors: readonly YAMLError[], locator: YamlLocator): ModelProblem[] {
  const syntax = errors.filter((error) => error.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (syntax !== undefined) return [{ path: '', line: locator.lineAt(syntax.pos[0]), message: `YAML syntax: ${syntax.message}` }];
  return errors.map((error) => {
    const path = locator.pathAt(error.pos[0]);
    const key = JSON.stringify(String(path[path.length - 1] ?? ''));
    return { path: formatPath(path), line: locator.lineAt(error.pos[0]), message: `duplicate key ${key}: a key may appear only once in a mapping` };
  });
}

/** In file order, each once: the order an editor fixes them in. */
function toProblems(findings: readonly ModelFinding[], locator: YamlLocator): ModelProblem[] {
  const seen = new Set<string>();
  const problems: ModelProblem[] = [];
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

function withLine(text: string, line: number | undefined): string {
  return line === undefined ? text : `${text} (line ${line})`;
}
