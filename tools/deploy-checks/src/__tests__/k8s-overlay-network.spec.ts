import { at, list, nameOf, node } from '../lib/manifest-tree';
import { OVERLAYS } from '../lib/overlay-renderer';
import { exampleSecret, matches, overlayView, portsOf } from '../lib/overlay-view';
import { APPS } from '../lib/service-config';

// Each overlay's network: who may reach a Baton pod, what a Baton pod may reach, and who scrapes /metrics.
describe.each(OVERLAYS)('k8s overlay %s: network policies and scraping', (overlay) => {
  const { ofKind, podLabels, settingOf, policiesOf, egressRulesOf } = overlayView(overlay);

  it('should allow ingress from outside the namespace to ingest only, and to /metrics from the monitoring namespace', () => {
    const policies = ofKind('NetworkPolicy');
    expect(
      policies.some(
        (policy) => Object.keys(node(at(policy, 'spec', 'podSelector'))).length === 0 && at(policy, 'spec', 'ingress') === undefined && list(at(policy, 'spec', 'policyTypes')).includes('Ingress'),
      ),
    ).toBe(true);
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
    const kafka = String(settingOf(app, 'KAFKA_BROKERS'))
      .split(',')
      .map((broker) => `TCP/${broker.split(':').at(-1) ?? ''}`);
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
});
