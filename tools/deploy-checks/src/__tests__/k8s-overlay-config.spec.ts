import { readdirSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { kubernetesSchemaErrors } from '../lib/kubernetes-schemas';
import { at, list, nameOf, node, read, root } from '../lib/manifest-tree';
import { identity, OVERLAYS } from '../lib/overlay-renderer';
import { overlayView, secretKeys } from '../lib/overlay-view';
import { App, APPS, envMismatch, routingVariables } from '../lib/service-config';

// Each overlay against what the services validate at boot: objects valid for Kubernetes, every variable one the
// service reads, secrets only from the documented Secret, the model file mounted.
describe.each(OVERLAYS)('k8s overlay %s: objects, settings and secrets', (overlay) => {
  const { documents, ofKind, envEntries, envValue, sharedConfig, mountedFile } = overlayView(overlay);

  it('should render objects that all validate against the Kubernetes schemas', () => {
    expect(documents.length).toBeGreaterThan(0);
    expect(kubernetesSchemaErrors(documents)).toEqual([]);
  });

  it('should put every namespaced object in the namespace baton', () => {
    expect(ofKind('Namespace').map(nameOf)).toEqual(['baton']);
    expect(documents.filter((document) => document.kind !== 'Namespace' && at(document, 'metadata', 'namespace') !== 'baton').map(identity)).toEqual([]);
  });

  it.each(APPS)('should give %s only variables it reads, and every required one', (app) => {
    const names = [...envEntries(app).map((entry) => String(entry.name)), ...Object.keys(sharedConfig(app))];
    const routingFile = envValue(app, 'NOTIFIER_ROUTING_FILE');
    const routing = routingFile === undefined ? undefined : mountedFile(app, routingFile);
    if (routingFile !== undefined) expect(routing).toBeDefined();
    const given: Record<string, string> = routingFile === undefined ? {} : { NOTIFIER_ROUTING_FILE: routingFile };
    expect(envMismatch(app, names, given, routing === undefined ? [] : routingVariables(routing))).toEqual({ unknown: [], missing: [] });
  });

  it('should take every secret from a key the example Secret documents, never from a literal or a ConfigMap', () => {
    expect(secretKeys.length).toBeGreaterThan(0);
    expect(ofKind('Secret')).toEqual([]); // the Secret is created apart, never rendered with the manifests
    for (const entry of APPS.flatMap(envEntries)) {
      const ref = at(entry, 'valueFrom', 'secretKeyRef');
      if (ref !== undefined) expect([at(ref, 'name'), secretKeys.includes(String(at(ref, 'key')))]).toEqual(['baton-secrets', true]);
      if (secretKeys.includes(String(entry.name))) expect(ref).toBeDefined();
    }
    expect(
      ofKind('ConfigMap')
        .flatMap((document) => Object.keys(node(document.data)))
        .filter((key) => secretKeys.includes(key)),
    ).toEqual([]);
  });

  it('should mount the model file, the same for scoring and lifecycle, from a ConfigMap', () => {
    const models = (['scoring', 'lifecycle'] as App[]).map((app) => mountedFile(app, String(envValue(app, 'SCORING_MODEL_FILE'))));
    expect(models[0]).toMatch(/^version:/m);
    expect(models[1]).toBe(models[0]);
  });
});

describe('k8s files', () => {
  it('should keep the base model file equal to libs/domain/scoring/models/b2b-default.yaml', () => {
    expect(read('k8s/base/files/scoring-model.yaml')).toBe(read('libs/domain/scoring/models/b2b-default.yaml'));
  });

  it('should render every YAML file under k8s/, except the example Secret', () => {
    const files = (dir: string): string[] =>
      readdirSync(resolve(root, dir), { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? files(`${dir}/${entry.name}`) : /\.ya?ml$/.test(entry.name) ? [`${dir}/${entry.name}`] : []));
    const listed = (dir: string): string[] => {
      const kustomization = node(parse(read(`${dir}/kustomization.yaml`)));
      const own = [
        ...list(kustomization.resources).map((resource) => `${dir}/${String(resource)}`),
        ...list(kustomization.configMapGenerator).flatMap((generator) => list(at(generator, 'files')).map((file) => `${dir}/${String(file).split('=').at(-1)}`)),
      ].map((path) => relative(root, resolve(root, path)));
      return [`${dir}/kustomization.yaml`, ...own.flatMap((path) => (statSync(resolve(root, path)).isDirectory() ? listed(path) : [path]))];
    };
    const used = new Set(OVERLAYS.flatMap((overlay) => listed(`k8s/overlays/${overlay}`)));
    expect(files('k8s').filter((file) => !used.has(file))).toEqual(['k8s/secret.example.yaml']);
  });
});
