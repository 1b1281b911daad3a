import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ConfigInvalidError, envVariableNames, IngestEnv, LifecycleEnv, loadConfig, NotifierEnv, ScoringEnv } from '../index';

// Static checks: the deployment files (docker-compose.yml, apps/*/Dockerfile, k8s/) against the config schemas.
const SCHEMAS = { ingest: IngestEnv, scoring: ScoringEnv, lifecycle: LifecycleEnv, notifier: NotifierEnv };
type App = keyof typeof SCHEMAS;
const APPS = Object.keys(SCHEMAS) as App[];
const root = resolve(__dirname, '../../../../');

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const node = (value: unknown): Node => (isNode(value) ? value : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const at = (value: unknown, ...path: string[]): unknown => path.reduce((current, key) => node(current)[key], value);
const read = (file: string): string => readFileSync(resolve(root, file), 'utf8');

function yamlDocuments(file: string): Node[] {
  return parseAllDocuments(read(file)).map((document) => {
    if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
    return node(document.toJS());
  });
}

/** A variable is required when the schema refuses an empty environment because of it (it has no default). */
function requiredNames(schema: new () => object): string[] {
  try {
    loadConfig(schema, {}, 'deploy-manifests');
    return [];
  } catch (error) {
    if (!(error instanceof ConfigInvalidError)) throw error;
    return envVariableNames(schema).filter((name) => error.problems.some((problem) => problem.startsWith(`${name} `)));
  }
}

/** The variables a manifest sets that the schema does not read, and the required ones it does not set. */
function envMismatch(app: App, given: readonly string[]): { unknown: string[]; missing: string[] } {
  const known = envVariableNames(SCHEMAS[app]);
  return { unknown: given.filter((name) => !known.includes(name)), missing: requiredNames(SCHEMAS[app]).filter((name) => !given.includes(name)) };
}

const defaultPort = (app: App): number => new SCHEMAS[app]().PORT;

describe('docker-compose.yml', () => {
  const services = node(at(parse(read('docker-compose.yml'), { merge: true }), 'services'));
  const environmentOf = (app: App): unknown => at(services, app, 'environment');
  const composeEnvNames = (app: App): string[] => {
    const environment = environmentOf(app);
    return Array.isArray(environment) ? environment.map((entry) => String(entry).split('=')[0]) : Object.keys(node(environment));
  };

  it.each(APPS)('should set only variables the %s schema reads, and every required one', (app) => {
    expect(envMismatch(app, composeEnvNames(app))).toEqual({ unknown: [], missing: [] });
  });

  it.each(APPS)('should build %s from its Dockerfile, which exposes its port and runs as the node user', (app) => {
    const dockerfile = `apps/${app}/Dockerfile`;
    expect(at(services, app, 'build')).toEqual({ context: '.', dockerfile });
    const port = Number(node(environmentOf(app)).PORT); // set explicitly: the shared healthcheck reads it
    expect(port).toBe(defaultPort(app));
    const runtimeStage = read(dockerfile).split(/^FROM\s/m).at(-1) ?? '';
    expect([...runtimeStage.matchAll(/^EXPOSE\s+(\d+)\s*$/gm)].map((match) => Number(match[1]))).toEqual([port]);
    expect([...runtimeStage.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]).at(-1)).toBe('node');
  });

  it('should publish the port of ingest only', () => {
    expect(APPS.filter((app) => at(services, app, 'ports') !== undefined)).toEqual(['ingest']);
    expect(list(at(services, 'ingest', 'ports')).map(String)).toEqual([`${defaultPort('ingest')}:${defaultPort('ingest')}`]);
  });

  it('should disable automatic topic creation in Kafka', () => {
    expect(String(at(services, 'kafka', 'environment', 'KAFKA_AUTO_CREATE_TOPICS_ENABLE'))).toBe('false');
  });
});

describe('k8s', () => {
  const files = readdirSync(resolve(root, 'k8s')).filter((file) => /\.ya?ml$/.test(file));
  const documents = files.filter((file) => file !== 'kustomization.yaml').flatMap((file) => yamlDocuments(`k8s/${file}`));
  const find = (kind: string, name: unknown): Node | undefined =>
    documents.find((document) => document.kind === kind && at(document, 'metadata', 'name') === name);
  const keysOf = (kind: string, name: unknown): string[] => {
    const document = find(kind, name);
    return [...Object.keys(node(document?.data)), ...Object.keys(node(document?.stringData))];
  };
  const containerOf = (app: App): Node => {
    const deployment = find('Deployment', app);
    if (deployment === undefined) throw new Error(`k8s: no Deployment named ${app}`);
    return node(list(at(deployment, 'spec', 'template', 'spec', 'containers'))[0]);
  };
  const envEntries = (app: App): Node[] => list(containerOf(app).env).map(node);

  it.each(APPS)('should give %s only variables its schema reads, and every required one', (app) => {
    const fromEnvFrom = list(containerOf(app).envFrom).flatMap((source) => [
      ...keysOf('ConfigMap', at(source, 'configMapRef', 'name')),
      ...keysOf('Secret', at(source, 'secretRef', 'name')),
    ]);
    expect(envMismatch(app, [...envEntries(app).map((entry) => String(entry.name)), ...fromEnvFrom])).toEqual({ unknown: [], missing: [] });
  });

  it('should take every secret from a key the example Secret documents, never from a literal or the ConfigMap', () => {
    const secretKeys = keysOf('Secret', 'baton-secrets');
    expect(secretKeys.length).toBeGreaterThan(0);
    for (const entry of APPS.flatMap(envEntries)) {
      const ref = at(entry, 'valueFrom', 'secretKeyRef');
      if (ref !== undefined) expect(keysOf('Secret', at(ref, 'name'))).toContain(at(ref, 'key'));
      if (secretKeys.includes(String(entry.name))) expect(ref).toBeDefined();
    }
    expect(keysOf('ConfigMap', 'baton-config').filter((key) => secretKeys.includes(key))).toEqual([]);
  });

  it.each(APPS)('should agree on the port of %s across container, PORT, Service and probes on /health', (app) => {
    const container = containerOf(app);
    const portOf = (port: unknown): number =>
      typeof port === 'number' ? port : Number(list(container.ports).map(node).find((entry) => entry.name === port)?.containerPort);
    const port = defaultPort(app);
    expect(list(container.ports).map((entry) => at(entry, 'containerPort'))).toEqual([port]);
    expect(Number(envEntries(app).find((entry) => entry.name === 'PORT')?.value)).toBe(port);
    const service = find('Service', app);
    expect(list(at(service, 'spec', 'ports')).map((entry) => [at(entry, 'port'), portOf(at(entry, 'targetPort'))])).toEqual([[port, port]]);
    const selector = node(at(service, 'spec', 'selector'));
    expect(Object.keys(selector)).not.toHaveLength(0);
    expect(at(find('Deployment', app), 'spec', 'template', 'metadata', 'labels')).toMatchObject(selector);
    const probes = { readinessProbe: '/health/ready', livenessProbe: '/health/live', startupProbe: '/health/live' };
    expect(Object.keys(container)).toEqual(expect.arrayContaining(['readinessProbe', 'livenessProbe']));
    for (const [probe, path] of Object.entries(probes)) {
      if (container[probe] === undefined) continue;
      expect([at(container, probe, 'httpGet', 'path'), portOf(at(container, probe, 'httpGet', 'port'))]).toEqual([path, port]);
    }
  });

  it('should list every manifest in kustomization.yaml, except the example Secret', () => {
    const resources = list(at(parse(read('k8s/kustomization.yaml')), 'resources')).map(String);
    for (const resource of resources) expect(existsSync(resolve(root, 'k8s', resource))).toBe(true);
    expect([...resources].sort()).toEqual(files.filter((file) => !['kustomization.yaml', 'secret.example.yaml'].includes(file)).sort());
  });
});
