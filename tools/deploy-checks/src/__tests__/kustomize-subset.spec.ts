import { configMapHash, kustomizeSubset } from '../lib/kustomize-subset';
import { byIdentity, kubectlAvailable, kubectlKustomize, OVERLAYS } from '../lib/overlay-renderer';

// The subset renderer renders the overlays where kubectl does not run: it must agree with the real kustomize.
describe('kustomize subset renderer', () => {
  it('should list the overlays dev and prod', () => {
    expect(OVERLAYS).toEqual(expect.arrayContaining(['dev', 'prod']));
  });

  it('should name generated ConfigMaps as kustomize does', () => {
    // What kustomize v5.5 (kubectl 1.32) renders for `configMapGenerator: [{name: a, literals: ["x=<1>&"]}]`.
    expect(`a-${configMapHash({ x: '<1>&' })}`).toBe('a-d42h82mg55');
    expect(configMapHash({ x: '1' })).toBe('hmg6f82fh6');
  });

  (kubectlAvailable ? it.each(OVERLAYS) : it.skip.each(OVERLAYS))('should render %s exactly as `kubectl kustomize` does (kubectl installed here)', (overlay) => {
    const dir = `k8s/overlays/${overlay}`;
    expect(byIdentity(kustomizeSubset(dir))).toEqual(byIdentity(kubectlKustomize(dir)));
  });
});
