import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { kustomizeSubset } from './kustomize-subset';
import { at, nameOf, node, Node, root } from './manifest-tree';

// Renders the k8s/ overlays with the real kustomize (`kubectl kustomize`) where kubectl runs, else with the subset
// renderer (kustomize-subset.ts). The subset renderer's output is compared with kubectl's wherever both run, so a
// machine without kubectl checks the same objects.

export const kubectlAvailable: boolean = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** What `kubectl kustomize dir` prints, parsed; `dir` relative to the repository root. */
export function kubectlKustomize(dir: string): Node[] {
  const output = execFileSync('kubectl', ['kustomize', resolve(root, dir)], { encoding: 'utf8' });
  return parseAllDocuments(output).map((document) => node(document.toJS()));
}

export function renderOverlay(dir: string): Node[] {
  return kubectlAvailable ? kubectlKustomize(dir) : kustomizeSubset(dir);
}

/** The overlays under k8s/overlays: every folder with a kustomization.yaml. */
export const OVERLAYS = readdirSync(resolve(root, 'k8s/overlays')).filter((entry) => existsSync(resolve(root, 'k8s/overlays', entry, 'kustomization.yaml')));

export const identity = (object: Node): string => `${String(object.kind)}/${String(at(object, 'metadata', 'namespace') ?? '')}/${nameOf(object)}`;
/** Objects in an order that does not depend on the renderer: kustomize sorts by kind, the subset keeps file order. */
export const byIdentity = (objects: Node[]): Node[] => [...objects].sort((a, b) => identity(a).localeCompare(identity(b)));
