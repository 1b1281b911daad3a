import { kubernetesSchemaErrors } from '../lib/kubernetes-schemas';
import { at, list, nameOf, node } from '../lib/manifest-tree';
import { renderOverlay } from '../lib/overlay-renderer';

// The validator every overlay goes through finds what it must: a check that accepts everything would pass silently.
describe('Kubernetes schema validation', () => {
  it('should find errors in an invalid object (the validator is not vacuous)', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 'two', selector: {}, template: { spec: { containers: [{ image: 'x' }] } } } };
    expect(kubernetesSchemaErrors([broken, { apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'y' } }])).toHaveLength(2);
  });

  it('should refuse fields a kind does not declare, and keep accepting maps such as labels (the strict check is not vacuous)', () => {
    const deployment = structuredClone(renderOverlay('k8s/overlays/dev').find((object) => object.kind === 'Deployment') ?? {});
    expect(kubernetesSchemaErrors([deployment])).toEqual([]);
    const container = node(list(at(deployment, 'spec', 'template', 'spec', 'containers'))[0]);
    container.resourcess = container.resources; // the typo: Kubernetes would drop it, leaving the container unbounded
    node(at(deployment, 'metadata', 'labels'))['example.com/any-label'] = 'fine';
    const trigger = { type: 'kafka', metadata: { anyParameter: 'fine' }, authenticationRef: { name: 'x', kindd: 'TriggerAuthentication' } };
    const scaledObject = { apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name: 's' }, spec: { scaleTargetRef: { name: 'd' }, triggers: [trigger] } };
    expect(kubernetesSchemaErrors([deployment, scaledObject])).toEqual([
      `Deployment/${nameOf(deployment)}: /spec/template/spec/containers/0/resourcess is not a field of its kind`,
      'ScaledObject/s: /spec/triggers/0/authenticationRef/kindd is not a field of its kind',
    ]);
  });
});
