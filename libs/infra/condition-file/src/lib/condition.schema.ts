import schema from '../../condition.schema.json';

/**
 * The JSON Schema (draft-07) of one condition: the definition the scoring model's schema refers to
 * (`definitions.condition`) and the notifier routing's schema embeds. Validated with ajv's `strictRequired` off,
 * since the oneOf branches require keys declared beside them.
 */
export const CONDITION_SCHEMA = {
  // Without its $schema: a definition inside another schema takes that schema's draft.
  title: schema.title,
  description: schema.description,
  type: schema.type,
  additionalProperties: schema.additionalProperties,
  required: schema.required,
  properties: schema.properties,
  oneOf: schema.oneOf,
};

/** What a condition's `field` must look like: a name, dotted for nesting. */
export const CONDITION_FIELD_PATTERN: string = schema.properties.field.pattern;

/** The operator keys of a condition, grouped as the schema's oneOf groups them: [equals], [in], [matches], [min, max], [exists]. */
export const CONDITION_OPERATORS: readonly (readonly string[])[] = schema.oneOf.map((branch) => branch.required ?? branch.anyOf?.flatMap((option) => option.required) ?? []);
