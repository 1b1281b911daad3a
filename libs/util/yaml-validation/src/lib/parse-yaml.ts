import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import { formatPath } from './path';
import type { Problem } from './problem';
import { YamlLocator } from './yaml-locator';

/** A YAML file read for validation. */
export interface ParsedYaml {
  /** The file's data; undefined when there are problems. */
  readonly data: unknown;
  /** Where each path of the data is written, to give findings their lines. */
  readonly locator: YamlLocator;
  /** Why the file cannot be read as data (syntax, duplicate keys, aliases): when not empty, nothing else is worth checking. */
  readonly problems: readonly Problem[];
}

/**
 * Parses YAML text. Duplicate keys are errors: with "last one wins", a pasted entry would silently replace
 * another. Aliases expand to at most 100 nodes (an alias bomb is a problem, as is an alias to an anchor
 * defined later).
 */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locator = new YamlLocator(doc, lineCounter);
  if (doc.errors.length > 0) return { data: undefined, locator, problems: yamlProblems(doc.errors, locator) };
  try {
    return { data: doc.toJS({ maxAliasCount: 100 }), locator, problems: [] };
  } catch (error: unknown) {
    return { data: undefined, locator, problems: [{ path: '', message: error instanceof Error ? error.message : String(error) }] };
  }
}

/**
 * After a syntax error the parser's later complaints are mostly echoes of it, so only the first is shown; a
 * duplicate key leaves the rest of the file readable, so every one is.
 */
function yamlProblems(errors: readonly YAMLError[], locator: YamlLocator): Problem[] {
  const syntax = errors.filter((error) => error.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0])[0];
  if (syntax !== undefined) return [{ path: '', line: locator.lineAt(syntax.pos[0]), message: `YAML syntax: ${syntax.message}` }];
  return errors.map((error) => {
    const path = locator.pathAt(error.pos[0]);
    const key = JSON.stringify(String(path[path.length - 1] ?? ''));
    return { path: formatPath(path), line: locator.lineAt(error.pos[0]), message: `duplicate key ${key}: a key may appear only once in a mapping` };
  });
}
