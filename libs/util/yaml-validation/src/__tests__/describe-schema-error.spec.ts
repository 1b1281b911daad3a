import Ajv from 'ajv';
import { describeSchemaError, instanceSegments, type Finding, type SchemaErrorWording } from '../index';

const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'items'],
  properties: {
    id: { type: 'string', pattern: '^[a-z]+$' },
    value: { type: ['string', 'number', 'boolean'] },
    items: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'object', properties: { n: { type: 'integer', minimum: 1, exclusiveMinimum: 0 } } } },
    map: { type: 'object', minProperties: 1 },
  },
};

function findings(data: unknown, wording?: SchemaErrorWording): Finding[] {
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(SCHEMA);
  validate(data);
  return (validate.errors ?? []).map((error) => describeSchemaError(error, data, wording));
}

describe('describeSchemaError', () => {
  it('says what each keyword asks for, at the path it is about', () => {
    expect(findings({ id: 'A1', idd: 1, value: [], items: [{ n: 0.5 }, { n: 0.5 }], map: {} })).toEqual([
      { path: ['idd'], message: 'unknown key "idd"' },
      { path: ['id'], message: 'must match the pattern ^[a-z]+$' },
      { path: ['value'], message: 'must be a string, a number or true or false' },
      { path: ['items', 0, 'n'], message: 'must be an integer' },
      { path: ['items', 0, 'n'], message: 'must be at least 1' },
      { path: ['items', 1, 'n'], message: 'must be an integer' },
      { path: ['items', 1, 'n'], message: 'must be at least 1' },
      { path: ['items'], message: 'lists {"n":0.5} twice' },
      { path: ['map'], message: 'must define at least one' },
    ]);
    expect(findings({ items: [] })).toEqual([
      { path: ['id'], message: 'is required' },
      { path: ['items'], message: 'must not be empty: list at least one' },
    ]);
  });

  it('uses the wording a file gives for patterns, unknown keys and type lists', () => {
    const wording: SchemaErrorWording = {
      pattern: (pattern, value) => (pattern === '^[a-z]+$' ? `must be lowercase, not ${String(value)}` : undefined),
      unknownKey: (key, allowed) => `unknown key "${key}" (allowed: ${allowed.join(', ')})`,
      typeNames: (names) => names.join(' or '),
    };
    expect(findings({ id: 'A', idd: 1, value: [], items: [{}] }, wording)).toEqual([
      { path: ['idd'], message: 'unknown key "idd" (allowed: id, value, items, map)' },
      { path: ['id'], message: 'must be lowercase, not A' },
      { path: ['value'], message: 'must be a string or a number or true or false' },
    ]);
  });

  it('reads a JSON pointer as segments, indexes as numbers only in lists', () => {
    const data = { a: [{ '0': { 'b/c~d': 1 } }] };
    expect(instanceSegments('', data)).toEqual([]);
    expect(instanceSegments('/a/0/0/b~1c~0d', data)).toEqual(['a', 0, '0', 'b/c~d']);
  });
});
