import { at, containersOf, list, node } from '../lib/manifest-tree';
import { OVERLAYS } from '../lib/overlay-renderer';
import { matches, overlayView, secretKeys } from '../lib/overlay-view';
import { APPS, CONSUMERS, defaultGroup, defaultPort } from '../lib/service-config';

// Each overlay's workloads: ports and probes, pod security, disruption budgets, autoscaling (HPA for ingest, KEDA
// on the consumers' lag) and sizes.
describe.each(OVERLAYS)('k8s overlay %s: workloads and scaling', (overlay) => {
  const { ofKind, find, deploymentOf, podOf, containerOf, envValue, sharedConfig, partitions, podLabels, settingOf, secretKeyOf, kafkaTriggersOf } = overlayView(overlay);

  it.each(APPS)('should agree on the port of %s across container, PORT, Service and probes on /health', (app) => {
    const container = containerOf(app);
    const portOf = (port: unknown): number =>
      typeof port === 'number'
        ? port
        : Number(
            list(container.ports)
              .map(node)
              .find((entry) => entry.name === port)?.containerPort,
          );
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
        expect({ ...ref, known: parameters.includes(String(ref.parameter)), documented: secretKeys.includes(String(ref.key)) }).toEqual({
          ...ref,
          name: 'baton-secrets',
          known: true,
          documented: true,
        });
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

  it('should size the overlay for its environment', () => {
    const replicas = APPS.map((app) => Number(at(deploymentOf(app), 'spec', 'replicas')));
    if (overlay === 'dev') expect(replicas).toEqual(APPS.map(() => 1));
    if (overlay === 'prod') for (const count of replicas) expect(count).toBeGreaterThanOrEqual(3);
  });
});
