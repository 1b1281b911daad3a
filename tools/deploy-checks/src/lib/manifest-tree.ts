import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';

// Reading parsed YAML and JSON without a schema: every step tolerates a missing or differently shaped value, so that
// a check fails on its own expectation rather than on a TypeError.

export type Node = Record<string, unknown>;

/** The repository root: every path the checks read is relative to it. */
export const root = resolve(__dirname, '../../../..');

export const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
export const node = (value: unknown): Node => (isNode(value) ? value : {});
export const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
export const at = (value: unknown, ...path: string[]): unknown => path.reduce((current, key) => node(current)[key], value);
export const read = (file: string): string => readFileSync(resolve(root, file), 'utf8');
export const nameOf = (object: unknown): string => String(at(object, 'metadata', 'name'));

export function yamlDocuments(file: string): Node[] {
  return parseAllDocuments(read(file)).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    return node(document.toJS());
  });
}

/** The pod specs of a workload (none for other kinds). */
export function podSpecs(object: Node): Node[] {
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(String(object.kind))) return [node(at(object, 'spec', 'template', 'spec'))];
  if (object.kind === 'CronJob') return [node(at(object, 'spec', 'jobTemplate', 'spec', 'template', 'spec'))];
  return object.kind === 'Pod' ? [node(object.spec)] : [];
}

export const containersOf = (pod: Node): Node[] => [...list(pod.initContainers), ...list(pod.containers)].map(node);
