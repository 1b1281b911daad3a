import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { RoutingProblem } from './routing-invalid.error';

/** A step into the file: a key of a mapping or an index in a list. */
export type PathSegment = string | number;

/** A problem found on the data, before it is placed in the file. */
export interface Finding {
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** `channels["crm-webhook"].secretEnv[0]`: the scoring model's path style. */
export function formatPath(path: readonly PathSegment[]): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

/**
 * A parsed YAML file that can say on which line a path is written. Syntax errors and duplicate keys (a
 * channel or team defined twice) are problems like any other.
 */
export class YamlSource {
  private readonly lineCounter = new LineCounter();
  private readonly doc: Document;

  constructor(text: string) {
    // Duplicate keys are errors: with "last one wins", a pasted channel would silently replace another.
    this.doc = parseDocument(text, { lineCounter: this.lineCounter, prettyErrors: false, uniqueKeys: true });
  }

  /** Syntax problems (only the first: later ones are mostly echoes of it), else one per duplicate key. */
  syntaxProblems(): RoutingProblem[] {
    const errors: readonly YAMLError[] = this.doc.errors;
    if (errors.length === 0) return [];
    const syntax = errors.filter((error) => error.code !== 'DUPLICATE_KEY').sort((a, b) => a.pos[0] - b.pos[0])[0];
    if (syntax !== undefined) return [{ path: '', line: this.lineAt(syntax.pos[0]), message: `YAML syntax: ${syntax.message}` }];
    return errors.map((error) => {
      const path = this.pathAt(error.pos[0]);
      const key = JSON.stringify(String(path[path.length - 1] ?? ''));
      return { path: formatPath(path), line: this.lineAt(error.pos[0]), message: `duplicate key ${key}: a key may appear only once in a mapping` };
    });
  }

  /** The data; throws on an alias bomb or an alias to an anchor defined later. */
  toData(): unknown {
    return this.doc.toJS({ maxAliasCount: 100 });
  }

  /** Findings as problems: each once, with its line, in file order (the order an editor fixes them in). */
  toProblems(findings: readonly Finding[]): RoutingProblem[] {
    const seen = new Set<string>();
    const problems: { problem: RoutingProblem; index: number }[] = [];
    for (const finding of findings) {
      const path = formatPath(finding.path);
      if (seen.has(`${path}\n${finding.message}`)) continue;
      seen.add(`${path}\n${finding.message}`);
      const line = this.lineOf(finding.path);
      problems.push({ problem: line === undefined ? { path, message: finding.message } : { path, line, message: finding.message }, index: problems.length });
    }
    return problems
      .sort((a, b) => (a.problem.line ?? Infinity) - (b.problem.line ?? Infinity) || a.index - b.index)
      .map(({ problem }) => problem);
  }

  /** The line of the deepest node of the path written in the file: the key's line for a mapping entry. */
  lineOf(path: readonly PathSegment[]): number | undefined {
    let node: unknown = this.doc.contents;
    let offset = startOf(node);
    for (const segment of path) {
      node = isAlias(node) ? node.resolve(this.doc) : node;
      if (isMap(node)) {
        const pair = node.items.find((candidate) => keyText(candidate.key) === String(segment));
        if (pair === undefined) break;
        offset = startOf(pair.key) ?? startOf(pair.value) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && segment < node.items.length) {
        node = node.items[segment];
        offset = startOf(node) ?? offset;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : this.lineAt(offset);
  }

  private lineAt(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }

  private pathAt(offset: number): PathSegment[] {
    const path: PathSegment[] = [];
    let node: unknown = this.doc.contents;
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((candidate) => contains(candidate.key, offset) || contains(candidate.value, offset));
        const key = pair === undefined ? undefined : keyText(pair.key);
        if (pair === undefined || key === undefined) return path;
        path.push(key);
        if (contains(pair.key, offset)) return path;
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => contains(item, offset));
        if (index < 0) return path;
        path.push(index);
        node = node.items[index];
      } else {
        return path;
      }
    }
  }
}

function keyText(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

function startOf(node: unknown): number | undefined {
  return isNode(node) && node.range ? node.range[0] : undefined;
}

function contains(node: unknown, offset: number): boolean {
  if (!isNode(node) || !node.range) return false;
  const [start, , end] = node.range;
  return start <= offset && offset < Math.max(end, start + 1);
}
