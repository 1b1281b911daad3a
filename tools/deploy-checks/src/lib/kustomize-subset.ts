import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { at, containersOf, isNode, list, nameOf, node, Node, podSpecs, root, yamlDocuments } from './manifest-tree';

// A kustomize renderer for the subset k8s/ uses, for machines without kubectl (see the README): resources (files and
// directories), namespace, images, replicas, configMapGenerator (create, merge, replace; literals and files; the
// content-hash name suffix and the references to it) and JSON 6902 patches. Any other kustomization field fails the
// render rather than being ignored. Where kubectl runs, its output is compared with `kubectl kustomize`.

const KUSTOMIZATION_FIELDS = ['apiVersion', 'kind', 'resources', 'namespace', 'images', 'replicas', 'configMapGenerator', 'patches'];
const CLUSTER_SCOPED = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass', 'PersistentVolume'];
interface Build {
  objects: Node[];
  generated: Node[];
}

function applyJsonPatch(target: Node, operation: Node, where: string): void {
  const path = String(operation.path)
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = path.pop();
  if (key === undefined) throw new Error(`${where}: a patch of the whole object is not supported`);
  let parent: unknown = target;
  for (const segment of path) {
    parent = Array.isArray(parent) ? parent[Number(segment)] : node(parent)[segment];
    if (typeof parent !== 'object' || parent === null) throw new Error(`${where}: ${String(operation.path)} does not exist`);
  }
  const container = parent as Node | unknown[];
  const exists = Array.isArray(container) ? Number(key) < container.length : key in container;
  switch (operation.op) {
    case 'add':
      if (Array.isArray(container)) container.splice(key === '-' ? container.length : Number(key), 0, operation.value);
      else container[key] = operation.value;
      return;
    case 'replace':
    case 'remove':
      if (!exists) throw new Error(`${where}: ${String(operation.path)} does not exist`);
      if (Array.isArray(container)) container.splice(Number(key), 1, ...(operation.op === 'replace' ? [operation.value] : []));
      else if (operation.op === 'replace') container[key] = operation.value;
      else delete container[key];
      return;
    default:
      throw new Error(`${where}: JSON patch operation ${String(operation.op)} is not supported`);
  }
}

function buildKustomization(dir: string): Build {
  const where = relative(root, resolve(dir, 'kustomization.yaml'));
  const kustomization = node(parse(readFileSync(resolve(dir, 'kustomization.yaml'), 'utf8')));
  const unsupported = Object.keys(kustomization).filter((field) => !KUSTOMIZATION_FIELDS.includes(field));
  if (unsupported.length > 0) throw new Error(`${where}: the renderer does not implement ${unsupported.join(', ')}`);
  const build: Build = { objects: [], generated: [] };

  for (const resource of list(kustomization.resources).map(String)) {
    const path = resolve(dir, resource);
    if (statSync(path).isDirectory()) {
      const inner = buildKustomization(path);
      build.objects.push(...inner.objects);
      build.generated.push(...inner.generated);
    } else build.objects.push(...yamlDocuments(relative(root, path)));
  }

  for (const generator of list(kustomization.configMapGenerator).map(node)) {
    const data: Record<string, string> = {};
    for (const literal of list(generator.literals).map(String)) data[literal.slice(0, literal.indexOf('='))] = literal.slice(literal.indexOf('=') + 1);
    for (const source of list(generator.files).map(String)) {
      const [key, file] = source.includes('=') ? [source.slice(0, source.indexOf('=')), source.slice(source.indexOf('=') + 1)] : [basename(source), source];
      if (relative(dir, resolve(dir, file)).startsWith('..')) throw new Error(`${where}: ${file} is outside the kustomization's directory (kustomize refuses it)`);
      data[key] = readFileSync(resolve(dir, file), 'utf8');
    }
    const existing = build.generated.find((object) => nameOf(object) === generator.name);
    const behavior = generator.behavior ?? 'create';
    if (behavior === 'create') {
      if (existing !== undefined) throw new Error(`${where}: ConfigMap ${String(generator.name)} is generated twice`);
      const configMap: Node = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: generator.name }, data };
      build.objects.push(configMap);
      build.generated.push(configMap);
    } else if (existing !== undefined && (behavior === 'merge' || behavior === 'replace')) {
      existing.data = behavior === 'merge' ? { ...node(existing.data), ...data } : data;
    } else throw new Error(`${where}: cannot ${String(behavior)} ConfigMap ${String(generator.name)}`);
  }

  for (const patch of list(kustomization.patches).map(node)) {
    const target = node(patch.target);
    if (patch.path !== undefined || Object.keys(target).some((field) => !['kind', 'name'].includes(field))) {
      throw new Error(`${where}: only inline JSON 6902 patches with a target kind (and name) are supported`);
    }
    const targets = build.objects.filter((object) => object.kind === target.kind && (target.name === undefined || new RegExp(`^${String(target.name)}$`).test(nameOf(object))));
    if (targets.length === 0) throw new Error(`${where}: a patch targets ${JSON.stringify(target)}, which matches nothing`);
    for (const object of targets) for (const operation of list(parse(String(patch.patch))).map(node)) applyJsonPatch(object, operation, where);
  }

  for (const replicas of list(kustomization.replicas).map(node)) {
    const targets = build.objects.filter((object) => ['Deployment', 'StatefulSet', 'ReplicaSet'].includes(String(object.kind)) && nameOf(object) === replicas.name);
    if (targets.length === 0) throw new Error(`${where}: replicas for ${String(replicas.name)}, which matches nothing`);
    for (const object of targets) node(object.spec).replicas = Number(replicas.count);
  }

  for (const image of list(kustomization.images).map(node)) {
    for (const container of build.objects.flatMap(podSpecs).flatMap(containersOf)) {
      const [, name, tag] = /^(.+?)(?::([^:/@]+))?(?:@.+)?$/.exec(String(container.image)) ?? [];
      if (name !== image.name) continue;
      const newName = String(image.newName ?? name);
      container.image = image.digest !== undefined ? `${newName}@${String(image.digest)}` : `${newName}${(image.newTag ?? tag) ? `:${String(image.newTag ?? tag)}` : ''}`;
    }
  }

  if (typeof kustomization.namespace === 'string') {
    for (const object of build.objects) if (!CLUSTER_SCOPED.includes(String(object.kind))) (object.metadata = node(object.metadata)).namespace = kustomization.namespace;
  }
  return build;
}

/**
 * kustomize's name suffix: sha256 of the Go JSON encoding of kind, name and data (the name empty: kustomize hashes
 * before it names), its first 10 hex digits re-lettered.
 */
export function configMapHash(data: Node): string {
  const sorted = (value: unknown): unknown =>
    isNode(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, sorted(value[key])]),
        )
      : value;
  const json = JSON.stringify(sorted({ kind: 'ConfigMap', name: '', data })).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const letters: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...createHash('sha256').update(json).digest('hex').slice(0, 10)].map((char) => letters[char] ?? char).join('');
}

/** The objects `kubectl kustomize dir` would print, `dir` relative to the repository root. */
export function kustomizeSubset(dir: string): Node[] {
  const { objects, generated } = buildKustomization(resolve(root, dir));
  const renamed = new Map<string, string>();
  for (const configMap of generated) {
    const name = nameOf(configMap);
    renamed.set(name, `${name}-${configMapHash(node(configMap.data))}`);
    node(configMap.metadata).name = renamed.get(name);
  }
  const rename = (reference: unknown): void => {
    if (isNode(reference) && renamed.has(String(reference.name))) reference.name = renamed.get(String(reference.name));
  };
  for (const pod of objects.flatMap(podSpecs)) {
    for (const volume of list(pod.volumes)) {
      rename(at(volume, 'configMap'));
      for (const source of list(at(volume, 'projected', 'sources'))) rename(at(source, 'configMap'));
    }
    for (const container of containersOf(pod)) {
      for (const source of list(container.envFrom)) rename(at(source, 'configMapRef'));
      for (const entry of list(container.env)) rename(at(entry, 'valueFrom', 'configMapKeyRef'));
    }
  }
  return objects;
}
