import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BatonMetrics } from '../baton-metrics';

/** The metrics table of the lib's README: name, type and labels (without their explanations) per row. */
function documentedMetrics(): string[] {
  const readme = readFileSync(resolve(__dirname, '../../../README.md'), 'utf8');
  return readme
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[1]?.startsWith('`baton_'))
    .map(([, name, type, labels]) => [name?.replace(/`/g, ''), type, [...(labels ?? '').replace(/\([^)]*\)/g, '').matchAll(/`([a-z_]+)`/g)].map((match) => match[1]).join(',')].join(' '));
}

describe('the metrics README', () => {
  it('should list every baton_* metric a service registers, with its type and labels', async () => {
    const metrics = new BatonMetrics('scoring');
    const registered = (await metrics.registry.getMetricsAsJSON())
      .filter((metric) => metric.name.startsWith('baton_'))
      .map((metric) => {
        const labels = ((metrics.registry.getSingleMetric(metric.name) as unknown as { labelNames?: readonly string[] }).labelNames ?? []).join(',');
        return [metric.name, metric.type, labels].join(' ');
      });
    expect(documentedMetrics().sort()).toEqual(registered.sort());
  });
});
