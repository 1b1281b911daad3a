import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import ts from 'typescript';
import { isNode, nameOf, Node, root } from './manifest-tree';

// Validation of rendered objects against the Kubernetes OpenAPI schemas (kubernetes-models, with the KEDA and
// prometheus-operator models), unknown fields included.

/** The kubernetes-models module of each apiVersion: its classes validate objects, its interfaces declare their fields. */
const MODEL_MODULES: Record<string, string> = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'keda.sh/v1alpha1': '@kubernetes-models/keda/keda.sh/v1alpha1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

/** Validates objects against the Kubernetes OpenAPI schemas (and the KEDA and prometheus-operator CRDs), unknown fields included. */
export function kubernetesSchemaErrors(objects: Node[]): string[] {
  // kubernetes-models is ESM only: validate in a Node child process rather than through Jest's CommonJS loader.
  const script = `
    import { readFileSync } from 'node:fs';
    const modules = ${JSON.stringify(MODEL_MODULES)};
    const errors = [];
    for (const object of JSON.parse(readFileSync(0, 'utf8'))) {
      const id = object.kind + '/' + object.metadata?.name;
      const Model = modules[object.apiVersion] && (await import(modules[object.apiVersion]))[object.kind];
      if (!Model) { errors.push(id + ': no schema for ' + object.apiVersion + ' ' + object.kind); continue; }
      try { new Model(object).validate(); } catch (error) { errors.push(id + ': ' + error.message); }
    }
    process.stdout.write(JSON.stringify(errors));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, input: JSON.stringify(objects), encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`schema validation did not run: ${result.stderr}`);
  return [...(JSON.parse(result.stdout) as string[]), ...unknownFields(objects)];
}

/**
 * The fields of `objects` that their kind does not declare, such as a `resourcess:` in a container, which the API
 * server would drop (or refuse, with strict field validation). The kubernetes-models validators are compiled without
 * `additionalProperties: false` and the packages ship no JSON schemas to add it to, so the declared fields are read
 * from the models' TypeScript interfaces instead: an interface with properties is a closed object; one with an index
 * signature (labels, annotations, ConfigMap data, KEDA trigger metadata) is a map, whose values are checked in turn;
 * `any` or `unknown` (free-form JSON in a CRD) is not checked. Objects without a model are left to kubernetesSchemaErrors.
 */
function unknownFields(objects: Node[]): string[] {
  const kindOf = (object: Node): string => `${String(object.apiVersion)} ${String(object.kind)}`;
  const kinds = [...new Set(objects.filter((object) => String(object.apiVersion) in MODEL_MODULES).map(kindOf))];
  // A virtual module at the workspace root (so that node_modules resolves) with one type alias per kind.
  const file = resolve(root, '__deploy-manifests-models__.ts');
  const text = kinds.map((kind, index) => `export type T${index} = import('${MODEL_MODULES[kind.split(' ')[0]]}').I${kind.split(' ')[1]};`).join('\n');
  const options: ts.CompilerOptions = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true, types: [] };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists } = host;
  host.getSourceFile = (name, language, ...rest) => (name === file ? ts.createSourceFile(name, text, language) : getSourceFile.call(host, name, language, ...rest));
  host.fileExists = (name) => name === file || fileExists.call(host, name);
  const program = ts.createProgram([file], options, host);
  const checker = program.getTypeChecker();
  const aliases = program.getSourceFile(file)?.statements.filter(ts.isTypeAliasDeclaration) ?? [];
  const types = new Map(kinds.map((kind, index) => [kind, checker.getTypeAtLocation(aliases[index].name)]));

  const errors: string[] = [];
  const walk = (value: unknown, type: ts.Type, where: string): void => {
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
    const candidates = type.isUnion() ? type.types : [type];
    if (Array.isArray(value)) {
      const arrayType = candidates.find((candidate) => checker.isArrayType(candidate));
      const [element] = arrayType === undefined ? [] : checker.getTypeArguments(arrayType as ts.TypeReference);
      if (element !== undefined) value.forEach((item, index) => walk(item, element, `${where}/${index}`));
      return;
    }
    // A primitive given where an object is declared (or the reverse) is a type error, which the validator reports.
    const objectTypes = candidates.filter((candidate) => candidate.flags & ts.TypeFlags.Object && !checker.isArrayType(candidate));
    if (!isNode(value) || objectTypes.length === 0) return;
    for (const [key, inner] of Object.entries(value)) {
      const property = objectTypes.map((candidate) => candidate.getProperty(key)).find((symbol) => symbol !== undefined);
      const map = objectTypes.flatMap((candidate) => checker.getIndexInfosOfType(candidate)).find((info) => info.keyType.flags & ts.TypeFlags.String);
      if (property !== undefined) walk(inner, checker.getTypeOfSymbol(property), `${where}/${key}`);
      else if (map !== undefined) walk(inner, map.type, `${where}/${key}`);
      else errors.push(`${where}/${key} is not a field of its kind`);
    }
  };
  for (const object of objects) {
    const type = types.get(kindOf(object));
    // `any` here means the interface was not found: say so rather than let every field pass unchecked.
    if (type !== undefined && type.flags & ts.TypeFlags.Any) errors.push(`${String(object.kind)}/${nameOf(object)}: no model interface to check its fields against`);
    else if (type !== undefined) walk(object, type, `${String(object.kind)}/${nameOf(object)}: `);
  }
  return errors;
}
