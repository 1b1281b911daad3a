import { ConfigInvalidError, envVariableNames, IngestEnv, LifecycleEnv, loadConfig, NotifierEnv, ScoringEnv } from '@baton/config';
import { parse } from 'yaml';
import { at, list, node } from './manifest-tree';

// What the services themselves validate at boot (libs/config), which every manifest is compared with.

export const SCHEMAS = { ingest: IngestEnv, scoring: ScoringEnv, lifecycle: LifecycleEnv, notifier: NotifierEnv };
export type App = keyof typeof SCHEMAS;
export const APPS = Object.keys(SCHEMAS) as App[];
export const CONSUMERS: App[] = ['scoring', 'lifecycle', 'notifier'];

/** A variable is required when the schema refuses the environment `given` because of it (it has no default). */
function requiredNames(schema: new () => object, given: Record<string, string> = {}): string[] {
  try {
    loadConfig(schema, given, 'deploy-checks');
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
export function envMismatch(app: App, names: readonly string[], given: Record<string, string> = {}, alsoRead: readonly string[] = []): { unknown: string[]; missing: string[] } {
  const known = [...envVariableNames(SCHEMAS[app]), ...alsoRead];
  const required = [...requiredNames(SCHEMAS[app], given), ...alsoRead];
  return { unknown: names.filter((name) => !known.includes(name)), missing: required.filter((name) => !names.includes(name)) };
}

/** The value the app's schema gives `name` when the environment leaves it out. */
export const defaultOf = (app: App, name: string): unknown => node(new SCHEMAS[app]())[name];
export const defaultPort = (app: App): number => new SCHEMAS[app]().PORT;
export const defaultGroup = (app: App): string => String(defaultOf(app, 'KAFKA_CONSUMER_GROUP'));
export const defaultPartitions = (): number => new IngestEnv().KAFKA_TOPIC_PARTITIONS;

/** The environment variables a routing file names: where its channels' URLs and secrets come from. */
export function routingVariables(text: string): string[] {
  const channels = Object.values(node(at(parse(text), 'channels')));
  return [...new Set(channels.flatMap((channel) => [at(channel, 'urlEnv'), ...list(at(channel, 'secretEnv')), at(channel, 'smtpUrlEnv')]).filter((name): name is string => typeof name === 'string'))];
}
