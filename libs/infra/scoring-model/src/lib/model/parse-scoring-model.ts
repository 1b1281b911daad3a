import type { ScoringModel } from '@baton/scoring-domain';
import { formatPath, parseYaml, toProblems, type PathSegment } from '@baton/yaml-validation';
import { schemaFindings } from './schema-findings';
import type { ScoringModelFile } from './scoring-model-file';
import { ScoringModelInvalidError } from './scoring-model-invalid.error';
import { semanticFindings } from './semantic-findings';
import { toScoringModel } from './to-scoring-model';

/**
 * Reads a model file (YAML): syntax, then scoring-model.schema.json (with condition.schema.json), then what a schema cannot check (unique
 * ids, regular expressions on RE2, the engine that runs them, grade order, ranges, rules hidden by an earlier
 * one, the stages' activity rules and SQL score). Every problem is reported at once, with its path and line,
 * in a ScoringModelInvalidError; `source` names the file in that message.
 * Pure: the caller reads the file.
 */
export function parseScoringModel(text: string, source = 'scoring model'): ScoringModel {
  // Syntax errors, duplicate keys and aliases that cannot be expanded come first: the rest needs the data.
  const { data, locator, problems } = parseYaml(text);
  if (problems.length > 0) throw new ScoringModelInvalidError(source, problems);

  const place = (path: readonly PathSegment[]): string => withLine(formatPath(path), locator.lineOf(path));
  const findings = [...schemaFindings(data), ...semanticFindings(data, place)];
  if (findings.length > 0) throw new ScoringModelInvalidError(source, toProblems(findings, locator));
  // The schema and the checks above have accepted it: it has the file's shape.
  return toScoringModel(data as ScoringModelFile);
}

function withLine(text: string, line: number | undefined): string {
  return line === undefined ? text : `${text} (line ${line})`;
}
