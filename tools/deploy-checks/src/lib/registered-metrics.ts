import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { root } from './manifest-tree';
import { APPS } from './service-config';

/** Every metric name the services register: quoted `baton_*` literals in the infra libraries and the apps. */
export function registeredMetricNames(): Set<string> {
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
