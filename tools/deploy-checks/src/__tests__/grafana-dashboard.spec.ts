import { at, list, node, read } from '../lib/manifest-tree';
import { registeredMetricNames } from '../lib/registered-metrics';

// The Grafana dashboard that deploy/ provisions: the panels the issue asked for, over metrics the services register.
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
