import Ajv from 'ajv';
import { parse } from 'yaml';
import { SCHEMA_VALIDATOR_OPTIONS } from '../schema-findings';
import { SCORING_MODEL_SCHEMA as schema } from '../scoring-model.schema';
import { DEFAULT_MODEL_TEXT } from './default-model.fixture';
import { MODEL_TEXT } from './model-text.fixture';

describe('scoring-model.schema.json', () => {
  const validate = new Ajv(SCHEMA_VALIDATOR_OPTIONS).compile(schema);

  it('should be draft-07, which ajv and the VS Code YAML extension both read', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('should accept the default model and the test model as they are', () => {
    expect(validate(parse(DEFAULT_MODEL_TEXT))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    expect(validate(parse(MODEL_TEXT))).toBe(true);
  });

  it('should reject unknown keys anywhere', () => {
    const model: unknown = parse(DEFAULT_MODEL_TEXT);
    expect(validate({ ...(model as object), extra: 1 })).toBe(false);
    expect(validate.errors?.map((error) => [error.keyword, error.params])).toEqual([['additionalProperties', { additionalProperty: 'extra' }]]);
  });

  it('should give every property a title and a description, for editor help', () => {
    const missing: string[] = [];
    walk(schema, '#', (properties, at) => {
      for (const [name, property] of Object.entries(properties)) {
        if (property === true) continue; // allowed here, described where it is declared
        if (!isObject(property) || typeof property['title'] !== 'string' || typeof property['description'] !== 'string') missing.push(`${at}/${name}`);
      }
    });
    expect(missing).toEqual([]);
  });

  it('should forbid unknown keys in every mapping it describes', () => {
    const open: string[] = [];
    walk(schema, '#', (_, at, node) => {
      if (node['additionalProperties'] !== false) open.push(at);
    });
    expect(open).toEqual([]);
  });
});

type SchemaNode = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Calls visit for every schema node that declares properties. */
function walk(node: unknown, at: string, visit: (properties: SchemaNode, at: string, node: SchemaNode) => void): void {
  if (Array.isArray(node)) {
    node.forEach((item, index) => walk(item, `${at}/${index}`, visit));
    return;
  }
  if (!isObject(node)) return;
  const properties = node['properties'];
  if (isObject(properties)) visit(properties, at, node);
  for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`, visit);
}
