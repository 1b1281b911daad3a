import { posix } from 'node:path';
import { at, list, nameOf, node, Node, yamlDocuments } from './manifest-tree';
import { renderOverlay } from './overlay-renderer';
import { App, defaultOf, defaultPartitions } from './service-config';

// One rendered overlay, seen the way the services see it: what each app's container gets (env, the shared
// ConfigMap, mounted files, Secret keys) and which objects select its pods.

/** Whether `labels` carry every label of the selector's matchLabels. */
export const matches = (selector: unknown, labels: unknown): boolean => Object.entries(node(at(selector, 'matchLabels'))).every(([key, value]) => node(labels)[key] === value);

/** A rule's ports as `TCP/443`, `UDP/53`, `TCP/http` (TCP when the protocol is left out, as Kubernetes does). */
export const portsOf = (rule: Node): string[] => list(rule.ports).map((port) => `${String(at(port, 'protocol') ?? 'TCP')}/${String(at(port, 'port'))}`);

/** The keys and placeholder values of k8s/secret.example.yaml: the Secret a platform team creates. */
export const exampleSecret = node(yamlDocuments('k8s/secret.example.yaml')[0].stringData);
export const secretKeys = Object.keys(exampleSecret);

/** The overlay k8s/overlays/<overlay>, rendered (overlay-renderer.ts), and the questions the specs ask of it. */
export function overlayView(overlay: string) {
  const documents = renderOverlay(`k8s/overlays/${overlay}`);
  const ofKind = (kind: string): Node[] => documents.filter((document) => document.kind === kind);
  const find = (kind: string, name: unknown): Node | undefined => ofKind(kind).find((document) => nameOf(document) === name);
  const configMap = (name: unknown): Node => node(find('ConfigMap', name)?.data);
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
    const mount = list(containerOf(app).volumeMounts)
      .map(node)
      .find((entry) => entry.mountPath === posix.dirname(path));
    if (mount === undefined || mount.readOnly !== true) return undefined;
    const volume = list(podOf(app).volumes)
      .map(node)
      .find((entry) => entry.name === mount.name);
    return configMap(at(volume, 'configMap', 'name'))[posix.basename(path)] as string | undefined;
  };
  const podLabels = (app: App): Node => node(at(deploymentOf(app), 'spec', 'template', 'metadata', 'labels'));
  /** What the app's schema reads for `name`: the container's env, else the shared ConfigMap, else the default. */
  const settingOf = (app: App, name: string): unknown => envValue(app, name) ?? sharedConfig(app)[name] ?? defaultOf(app, name);
  const secretKeyOf = (app: App, name: string): unknown =>
    at(
      envEntries(app).find((entry) => entry.name === name),
      'valueFrom',
      'secretKeyRef',
      'key',
    );
  const kafkaTriggersOf = (app: App): Node[] =>
    ofKind('ScaledObject')
      .filter((object) => at(object, 'spec', 'scaleTargetRef', 'name') === app)
      .flatMap((object) => list(at(object, 'spec', 'triggers')).map(node))
      .filter((trigger) => trigger.type === 'kafka');
  /** The NetworkPolicies that select the app's pods and restrict `direction` (Ingress or Egress). */
  const policiesOf = (app: App, direction: string): Node[] =>
    ofKind('NetworkPolicy').filter((policy) => matches(at(policy, 'spec', 'podSelector'), podLabels(app)) && list(at(policy, 'spec', 'policyTypes')).includes(direction));
  const egressRulesOf = (app: App): Node[] => policiesOf(app, 'Egress').flatMap((policy) => list(at(policy, 'spec', 'egress')).map(node));
  return {
    documents,
    ofKind,
    find,
    deploymentOf,
    podOf,
    containerOf,
    envEntries,
    envValue,
    sharedConfig,
    partitions,
    mountedFile,
    podLabels,
    settingOf,
    secretKeyOf,
    kafkaTriggersOf,
    policiesOf,
    egressRulesOf,
  };
}

export type OverlayView = ReturnType<typeof overlayView>;
