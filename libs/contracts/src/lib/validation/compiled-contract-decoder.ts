import Ajv, { type ValidateFunction } from 'ajv';
import { isEmail, maxLength, minLength } from 'class-validator';
import { CONTRACT_CLASSES, contractJsonSchemas } from '../json-schema/contract-json-schemas';
import { isRealTimestamp } from './contract-decorators';
import { contractInstanceBuilders, type ContractInstanceBuilder } from './contract-instances';
import { FORBIDDEN_KEYS, fitsJsonShape } from './json-shape';

/**
 * A contract's check compiled from its JSON Schema: the value parseContract would return for a payload it accepts, or
 * undefined. Undefined does not say the payload is invalid, only that parseContract must look (and say why): the
 * compiled check leaves a few payloads the decorators accept to them (a `kind` that is not a string but reads as one,
 * the keys below), and accepts none they refuse.
 */
export type CompiledContractDecoder<T> = (raw: unknown) => T | undefined;

const SCHEMAS_ID = 'contracts.json';

/**
 * Keys that send a payload to parseContract wherever they are, in free-form objects (properties, profile, reason) too:
 * those it refuses, and those naming a member of Object.prototype (`toString`, `valueOf`), which the class-transformer
 * copy it returns leaves out. Rare in real payloads; the schemas cannot say either.
 */
const KEYS_FOR_PARSE_CONTRACT: ReadonlySet<string> = new Set([...FORBIDDEN_KEYS, ...Object.getOwnPropertyNames(Object.prototype)]);

interface Compiled {
  readonly ajv: Ajv;
  readonly builders: ReadonlyMap<string, ContractInstanceBuilder>;
}

let compiled: Compiled | undefined;
const decoders = new Map<new () => object, CompiledContractDecoder<object> | null>();

/** The compiled decoder of a contract class, made on first use; undefined for a class that is not a public contract. */
export function compiledContractDecoder<T extends object>(contract: new () => T): CompiledContractDecoder<T> | undefined {
  let decoder = decoders.get(contract);
  if (decoder === undefined) {
    decoder = compileDecoder(contract);
    decoders.set(contract, decoder);
  }
  // The decoder builds an instance of `contract` itself (found by identity below), so it returns a T.
  return (decoder ?? undefined) as CompiledContractDecoder<T> | undefined;
}

function compileDecoder(contract: new () => object): CompiledContractDecoder<object> | null {
  const schemaName = Object.entries(CONTRACT_CLASSES).find(([, { type }]) => type === contract)?.[0];
  if (schemaName === undefined) return null;
  compiled ??= compileContracts();
  const validate = compiled.ajv.getSchema(`${SCHEMAS_ID}#/definitions/${schemaName}`) as ValidateFunction | undefined;
  const build = compiled.builders.get(schemaName);
  if (validate === undefined || build === undefined) throw new Error(`the contract ${schemaName} has no compiled schema`);
  return (raw) => (validate(raw) && fitsJsonShape(raw, KEYS_FOR_PARSE_CONTRACT) ? build(raw as Record<string, unknown>) : undefined);
}

function compileContracts(): Compiled {
  // Open schemas, as Kafka consumers read them: an unknown field is no error; the instance builder leaves it out.
  const schemas = contractJsonSchemas({ dialect: 'json-schema-draft-07', refPointerPrefix: `${SCHEMAS_ID}#/definitions/` });
  const ajv = contractAjv();
  ajv.addSchema({ definitions: schemas }, SCHEMAS_ID);
  return { ajv, builders: contractInstanceBuilders(schemas) };
}

/**
 * Ajv made to check each keyword as the class-validator decorator it was generated from does, with the same
 * functions where JSON Schema means something else: lengths as validator.js counts them (a presentation selector is
 * no character; ajv counts code points), e-mail addresses as isEmail takes them, `date-time` as Timestamp() (a time
 * that exists), patterns without the `u` flag, as the decorators' RegExps have none. Strict, so that a keyword or
 * format it does not know fails the compilation instead of passing every value.
 */
function contractAjv(): Ajv {
  const ajv = new Ajv({ strict: true, unicodeRegExp: false });
  ajv.addFormat('date-time', { type: 'string', validate: isRealTimestamp });
  // @IsEmail({}) in ProfileTraitsV1: no options, as here.
  ajv.addFormat('email', { type: 'string', validate: (value: string) => isEmail(value) });
  ajv.removeKeyword('minLength').removeKeyword('maxLength');
  ajv.addKeyword({ keyword: 'minLength', type: 'string', schemaType: 'number', errors: false, validate: (min: number, value: string) => minLength(value, min) });
  ajv.addKeyword({ keyword: 'maxLength', type: 'string', schemaType: 'number', errors: false, validate: (max: number, value: string) => maxLength(value, max) });
  return ajv;
}
