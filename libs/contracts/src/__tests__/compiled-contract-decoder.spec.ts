import fc from 'fast-check';
import { inspect } from 'util';
import { compiledContractDecoder } from '../lib/validation/compiled-contract-decoder';
import {
  CONTRACT_CLASSES,
  contractJsonSchemas,
  decodeContract,
  EngagementEventV1,
  isJsonObject,
  LeadProfileUpdatedV1,
  LeadQualifiedV1,
  parseContract,
  TIMESTAMP_WITH_ZONE,
  type JsonSchema,
  type JsonValue,
} from '../index';

// What a consumer can observe of a decoded value: classes, field order, own undefined fields, every value.
const observed = (value: unknown): string => inspect(value, { depth: null });

const SCHEMAS = contractJsonSchemas({ dialect: 'json-schema-draft-07', refPointerPrefix: '#/definitions/' });
const TOP_LEVEL = ['EngagementEventV1', 'LeadProfileUpdatedV1', 'ScoreChangedV1', 'LeadQualifiedV1', 'LeadStageChangedV1', 'SalesFeedbackV1', 'IdentityLinkedV1', 'AlertSentV1'] as const;

/** Whether a key might name a member of Object.prototype: class-transformer leaves those out, so such payloads go to parseContract. */
const namesPrototypeMember = (text: string): boolean => Object.getOwnPropertyNames(Object.prototype).some((name) => text.includes(`"${name}"`));

/** Refused by parseContract wherever they are, free-form objects included: prototype keys and deep nesting. */
const UNSAFE_VALUES: readonly unknown[] = [
  JSON.parse('{"__proto__":{"x":1}}'),
  JSON.parse('{"a":[{"constructor":{}}]}'),
  { prototype: 1 },
  Array.from({ length: 40 }).reduce((inner) => ({ a: inner }), 1),
];

/**
 * Payloads for a schema: `wild` ones break it now and then (anything at all in a field, a required field absent,
 * a value past its limit); tame ones keep to it, near its limits. Both sides must agree on every one.
 */
function arbitraryOf(schema: JsonValue | undefined, wild: boolean): fc.Arbitrary<unknown> {
  if (!isJsonObject(schema)) throw new Error('not a schema');
  const ref = schema['$ref'];
  if (typeof ref === 'string') return arbitraryOf(SCHEMAS[ref.slice(ref.lastIndexOf('/') + 1)], wild);
  const anyOf = schema['anyOf'];
  if (Array.isArray(anyOf)) return fc.oneof(...anyOf.map((branch) => arbitraryOf(branch, wild)));
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues)) return sometimes(wild, fc.constantFrom(...enumValues), fc.string());
  const type = schema['type'];
  if (Array.isArray(type)) return fc.oneof(...type.map((one) => arbitraryOf({ ...schema, type: one }, wild)));
  switch (String(type)) {
    case 'string':
      return stringOf(schema, wild);
    case 'integer':
      return sometimes(
        wild,
        fc.integer({ min: minimumOf(schema), max: 1_000_000 }),
        fc.oneof(fc.integer({ min: minimumOf(schema) - 2, max: minimumOf(schema) }), fc.double({ noNaN: true, noDefaultInfinity: true })),
      );
    case 'number':
      return sometimes(wild, fc.double({ noNaN: true, noDefaultInfinity: true, min: minimumOf(schema) }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = arbitraryOf(schema['items'], wild);
      const maxItems = schema['maxItems'];
      return sometimes<unknown>(
        wild,
        fc.array(items, { maxLength: 4 }),
        typeof maxItems === 'number' ? fc.array(items, { minLength: maxItems - 1, maxLength: maxItems + 1 }) : fc.array(fc.jsonValue(), { maxLength: 3 }),
      );
    }
    case 'object':
      return isJsonObject(schema['properties'])
        ? objectOf(schema, wild)
        : sometimes(wild, fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 }), fc.constantFrom(...UNSAFE_VALUES));
    default:
      throw new Error(`no arbitrary for ${JSON.stringify(schema)}`);
  }
}

/** The tame value, or (when wild, one time in ten) the other. */
function sometimes<T>(wild: boolean, tame: fc.Arbitrary<T>, other: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return wild ? fc.oneof({ weight: 9, arbitrary: tame }, { weight: 1, arbitrary: other }) : tame;
}

function minimumOf(schema: JsonSchema): number {
  return typeof schema['minimum'] === 'number' ? schema['minimum'] : -1000;
}

function objectOf(schema: JsonSchema, wild: boolean): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema['properties'] as JsonSchema;
  const required = (schema['required'] ?? []) as string[];
  const fields = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, sometimes(wild, arbitraryOf(property, wild), fc.jsonValue({ maxDepth: 2 }))]));
  // Unknown fields ride along: consumers ignore them.
  const unknown = fc.dictionary(
    fc.string().map((key) => `x_${key}`),
    fc.jsonValue({ maxDepth: 2 }),
    { maxKeys: 2 },
  );
  const dropped = wild && required.length > 0 ? fc.option(fc.constantFrom(...required), { freq: 10 }) : fc.constant(null);
  return fc.tuple(fc.record(fields, { requiredKeys: required }), dropped, unknown).map(([record, name, extra]) => {
    const value: Record<string, unknown> = { ...extra, ...record };
    if (name !== null) delete value[name];
    return value;
  });
}

function stringOf(schema: JsonSchema, wild: boolean): fc.Arbitrary<string> {
  const pattern = schema['pattern'];
  if (schema['format'] === 'date-time') return timestamp(wild);
  if (schema['format'] === 'email')
    return sometimes(
      wild,
      fc.emailAddress(),
      fc.oneof(
        fc.emailAddress().map((email) => `${email}\u00e9`),
        fc.string(),
      ),
    );
  if (typeof pattern === 'string') return sometimes(wild, fc.stringMatching(new RegExp(pattern)), fc.string({ maxLength: 140 }));
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const max = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 30;
  // Surrogate pairs, lone surrogates and presentation selectors: where counting a string's length is a choice.
  const tricky = (maxLength: number) => fc.string({ unit: fc.constantFrom('a', '\u00e9', '\u{1F600}', '\uFE0F', '\uD800'), minLength: min, maxLength });
  return sometimes(wild, fc.oneof(fc.string({ minLength: min, maxLength: Math.min(max, 30) }), tricky(max)), fc.oneof(fc.string({ maxLength: 3 }), tricky(max + 3)));
}

function timestamp(wild: boolean): fc.Arbitrary<string> {
  const real = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
  const offset = fc.tuple(real, fc.constantFrom('+01:00', '-05:30', '+14:00', '+00:00')).map(([iso, zone]) => iso.replace('Z', zone));
  // Strings of the pattern are mostly times that do not exist (month 19, hour 27).
  return sometimes(wild, fc.oneof(real, offset), fc.oneof(fc.stringMatching(TIMESTAMP_WITH_ZONE), fc.string()));
}

describe('compiledContractDecoder', () => {
  describe.each(TOP_LEVEL)('%s', (name) => {
    const contract = CONTRACT_CLASSES[name]?.type as new () => object;
    const decode = compiledContractDecoder(contract);

    it('accepts what parseContract accepts, as parseContract returns it, and refuses what it refuses', () => {
      if (decode === undefined) throw new Error(`no compiled decoder for ${name}`);
      const outcomes = { accepted: 0, refused: 0 };
      fc.assert(
        fc.property(fc.oneof(arbitraryOf(SCHEMAS[name], false), arbitraryOf(SCHEMAS[name], true)), (payload) => {
          const text = JSON.stringify(payload);
          const slow = parseContract(contract, JSON.parse(text));
          const fast = decode(JSON.parse(text));
          // Sound: what it accepts, parseContract accepts. Complete, but for the payloads it leaves to parseContract.
          if (fast !== undefined) expect(slow.ok).toBe(true);
          else if (slow.ok) expect(namesPrototypeMember(text)).toBe(true);
          if (fast !== undefined && slow.ok) {
            expect(fast).toStrictEqual(slow.value);
            expect(observed(fast)).toBe(observed(slow.value));
          }
          expect(observed(decodeContract(contract, Buffer.from(text)))).toBe(observed(slow));
          outcomes[slow.ok ? 'accepted' : 'refused'] += 1;
        }),
        { numRuns: 400 },
      );
      // Both sides of the property were exercised, not only one.
      expect(outcomes.accepted).toBeGreaterThan(40);
      expect(outcomes.refused).toBeGreaterThan(40);
    });

    it('refuses any JSON that is not the contract, as parseContract does', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 3 }), (value) => {
          expect(decode?.(value) !== undefined).toBe(parseContract(contract, value).ok);
        }),
        { numRuns: 200 },
      );
    });
  });

  const event = { eventId: 'evt-1', leadId: 'ada-1', type: 'page_view', occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } };
  const profileUpdate = { updateId: 'crm-1', leadId: 'ada-1', updatedAt: '2026-11-24T10:00:00Z', traits: { name: 'Ada' } };

  it('leaves the reasons of a refusal to parseContract, field by field as today', () => {
    const bytes = (payload: object) => Buffer.from(JSON.stringify(payload));
    expect(decodeContract(EngagementEventV1, bytes({ ...event, occurredAt: '2026-02-30T10:00:00Z' }))).toEqual({
      ok: false,
      violations: [{ path: 'occurredAt', message: 'must be a date and time that exists' }],
    });
    expect(decodeContract(LeadProfileUpdatedV1, bytes({ ...profileUpdate, traits: { company: { employees: -1 } } }))).toEqual({
      ok: false,
      violations: [{ path: 'traits.company.employees', message: 'must not be negative' }],
    });
    expect(decodeContract(EngagementEventV1, bytes({ ...event, properties: JSON.parse('{"__proto__":{"x":1}}') }))).toEqual({
      ok: false,
      violations: [{ path: 'properties.__proto__', message: 'is not allowed as a property name' }],
    });
  });

  it('returns instances of the contract classes without the fields the contract does not know', () => {
    const decoded = compiledContractDecoder(LeadProfileUpdatedV1)?.({ ...profileUpdate, leadID: 'typo', traits: { company: { name: 'Acme', size: 3 }, bant: null } });
    expect(decoded).toBeInstanceOf(LeadProfileUpdatedV1);
    expect(decoded?.traits.company).toEqual({ name: 'Acme' });
    expect(Object.keys(decoded ?? {})).toEqual(['updateId', 'leadId', 'updatedAt', 'traits']);
  });

  it('leaves to parseContract a key naming a member of Object.prototype, which its copy leaves out', () => {
    const withToString = { ...event, properties: { url: '/pricing', toString: 'x' } };
    expect(compiledContractDecoder(EngagementEventV1)?.(withToString)).toBeUndefined();
    const decoded = decodeContract(EngagementEventV1, Buffer.from(JSON.stringify(withToString)));
    expect(decoded.ok && decoded.value.properties).toEqual({ url: '/pricing' });
  });

  it('counts lengths as class-validator does: a presentation selector is no character', () => {
    const name = 'x\uFE0F'.repeat(150);
    expect(parseContract(LeadProfileUpdatedV1, { ...profileUpdate, traits: { name } }).ok).toBe(true);
    expect(compiledContractDecoder(LeadProfileUpdatedV1)?.({ ...profileUpdate, traits: { name } })).toBeDefined();
  });

  it('leaves to parseContract what only the decorators accept: a reason kind that reads as one without being a string', () => {
    const qualified = {
      qualificationId: 'q-1',
      leadId: 'ada-1',
      stage: 'mql',
      previousStage: 'visitor',
      rule: 'mql_threshold',
      reason: { kind: ['fast_track'] },
      score: 60,
      engagement: 60,
      fit: 0,
      grade: 'D',
      breakdown: { engagementRules: [], fitRules: [] },
      topSignals: [],
      journey: [],
      profile: {},
      causeEventId: 'evt-1',
      modelVersion: 'v1',
      qualifiedAt: '2026-11-24T10:00:00Z',
    };
    expect(compiledContractDecoder(LeadQualifiedV1)?.(qualified)).toBeUndefined();
    expect(decodeContract(LeadQualifiedV1, Buffer.from(JSON.stringify(qualified))).ok).toBe(true);
  });

  it('has no decoder for a class that is not a public contract', () => {
    class NotAContract {}
    expect(compiledContractDecoder(NotAContract)).toBeUndefined();
  });
});
