import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { envVariableNames, IngestEnv, LifecycleEnv, NotifierEnv, ScoringEnv } from '../index';

const SERVICES = { ingest: IngestEnv, scoring: ScoringEnv, lifecycle: LifecycleEnv, notifier: NotifierEnv } as const;
type Service = keyof typeof SERVICES;

interface DocumentedVariable {
  readonly services: readonly Service[];
  readonly defaults: readonly string[];
}

/** The table of docs/configuration.md: each row's variables, the services it names and its default cell. */
function documentedVariables(): Map<string, DocumentedVariable> {
  const doc = readFileSync(resolve(__dirname, '../../../../docs/configuration.md'), 'utf8');
  const table = new Map<string, DocumentedVariable>();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 5 || !cells[1]?.startsWith('`')) continue;
    const names = [...(cells[1] ?? '').matchAll(/`([A-Z0-9_]+)`/g)].map((match) => match[1] as string);
    const services = cells[2] === 'all' ? (Object.keys(SERVICES) as Service[]) : ((cells[2] ?? '').split(',').map((name) => name.trim()) as Service[]);
    for (const name of names) table.set(name, { services, defaults: (cells[3] ?? '').split(' / ').map((value) => value.replace(/`/g, '').trim()) });
  }
  return table;
}

function defaultsOf(service: Service): Record<string, unknown> {
  return new SERVICES[service]() as unknown as Record<string, unknown>;
}

describe('docs/configuration.md', () => {
  const documented = documentedVariables();

  it('should document every variable a service reads, for exactly the services that read it', () => {
    const readers = new Map<string, Service[]>();
    for (const service of Object.keys(SERVICES) as Service[]) {
      for (const name of envVariableNames(SERVICES[service])) readers.set(name, [...(readers.get(name) ?? []), service]);
    }
    const undocumented = [...readers.keys()].filter((name) => !documented.has(name));
    expect(undocumented).toEqual([]);
    const wrongServices = [...readers].filter(([name, services]) => [...(documented.get(name)?.services ?? [])].sort().join() !== [...services].sort().join()).map(([name]) => name);
    expect(wrongServices).toEqual([]);
    expect([...documented.keys()].filter((name) => !readers.has(name))).toEqual([]);
  });

  it('should state each number and switch default the schemas give', () => {
    const wrong: string[] = [];
    for (const [name, { services, defaults }] of documented) {
      services.forEach((service, index) => {
        const value = defaultsOf(service)[name];
        if (typeof value !== 'number' && typeof value !== 'boolean') return;
        // One default for all, or one per service in the order ingest / scoring / lifecycle / notifier.
        const cell = defaults.length === services.length ? defaults[index] : defaults[0];
        if (!(cell ?? '').startsWith(String(value))) wrong.push(`${name} (${service}): schema ${String(value)}, doc "${cell ?? ''}"`);
      });
    }
    expect(wrong).toEqual([]);
  });
});
