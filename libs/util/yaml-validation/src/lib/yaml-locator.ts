import { isAlias, isMap, isNode, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { PathSegment } from './path';

/** Finds where a path is written in the YAML source, so that a problem can name its line. */
export class YamlLocator {
  constructor(
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  /**
   * The line of the deepest node of the path present in the file: the key's line for a mapping entry (where
   * an editor shows `rules:` rather than its first item), the item's line for a list entry. A path that is
   * not in the file (a missing key) gets the line of its closest written ancestor.
   */
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

  /** The 1-based line of a source offset. */
  lineAt(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }

  /** The path of the innermost node at a source offset: places a YAML error (a duplicate key) in the data. */
  pathAt(offset: number): PathSegment[] {
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
