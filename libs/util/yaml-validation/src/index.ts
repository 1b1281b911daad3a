export { describeSchemaError, instanceSegments, type SchemaErrorWording } from './lib/describe-schema-error';
export { parseYaml, type ParsedYaml } from './lib/parse-yaml';
export { formatPath, isRecord, valueAt, type Finding, type PathSegment } from './lib/path';
export { FileInvalidError, formatProblem, toProblems, type Problem } from './lib/problem';
export { YamlLocator } from './lib/yaml-locator';
