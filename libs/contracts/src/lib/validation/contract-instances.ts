import { CONTRACT_CLASSES } from '../json-schema/contract-json-schemas';
import { isJsonObject, type JsonSchema, type JsonValue } from '../json-schema/json-value';

/** Turns a plain object that passed its contract's schema into what parseContract returns for it. */
export type ContractInstanceBuilder = (plain: Readonly<Record<string, unknown>>) => object;

interface Field {
  readonly name: string;
  /** The contract class of a nested object (`@ValidateNested` + `@Type`), by schema name. */
  readonly nested?: { readonly schemaName: string; readonly each: boolean };
}

/**
 * What plainToInstance + class-validator's whitelist make of a valid payload, without their cost: an instance of the
 * class (so its fields come in declaration order, the absent ones as own undefined properties) holding only the
 * fields the contract knows, nested contract objects as instances of their classes. Consumers see the order: lifecycle
 * stores `JSON.stringify(change.engagementTrail)`, scoring merges profile traits in it. Free-form objects (properties,
 * profile, reason) are kept as parsed: class-transformer copies them as they are.
 */
export function contractInstanceBuilders(schemas: Readonly<Record<string, JsonSchema>>): ReadonlyMap<string, ContractInstanceBuilder> {
  const builders = new Map<string, ContractInstanceBuilder>();
  const builderOf = (schemaName: string): ContractInstanceBuilder => {
    const builder = builders.get(schemaName);
    if (builder === undefined) throw new Error(`no contract class for the schema ${schemaName}`);
    return builder;
  };
  for (const [schemaName, { type }] of Object.entries(CONTRACT_CLASSES)) {
    const fields = fieldsOf(schemas[schemaName]);
    builders.set(schemaName, (plain) => {
      const instance = new type() as Record<string, unknown>;
      for (const { name, nested } of fields) {
        const value = plain[name];
        if (value === undefined) continue;
        instance[name] =
          nested === undefined || value === null
            ? value
            : nested.each
              ? (value as Record<string, unknown>[]).map(builderOf(nested.schemaName))
              : builderOf(nested.schemaName)(value as Record<string, unknown>);
      }
      return instance;
    });
  }
  return builders;
}

function fieldsOf(schema: JsonSchema | undefined): Field[] {
  const properties = schema?.['properties'];
  if (!isJsonObject(properties)) throw new Error('a contract schema without properties');
  return Object.entries(properties).map(([name, property]) => {
    const nested = isJsonObject(property) ? nestedContractOf(property) : undefined;
    return nested === undefined ? { name } : { name, nested };
  });
}

/** How contractJsonSchemas writes a nested contract: `$ref`, a list of `$ref`s, or `$ref` or null. */
function nestedContractOf(property: JsonSchema): Field['nested'] {
  const items = property['items'];
  const anyOf = property['anyOf'];
  const ref = refOf(property) ?? (Array.isArray(anyOf) ? anyOf.map(refOf).find((found) => found !== undefined) : undefined);
  if (ref !== undefined) return { schemaName: ref, each: false };
  const itemRef = refOf(items);
  return itemRef === undefined ? undefined : { schemaName: itemRef, each: true };
}

function refOf(schema: JsonValue | undefined): string | undefined {
  const ref = isJsonObject(schema) ? schema['$ref'] : undefined;
  return typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
}
