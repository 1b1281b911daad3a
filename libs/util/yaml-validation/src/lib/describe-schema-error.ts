import type { ErrorObject } from 'ajv';
import { isRecord, valueAt, type Finding, type PathSegment } from './path';

/** What a file's own schema means, in its own words; every part is optional. */
export interface SchemaErrorWording {
  /** What a `pattern` asks for (ajv would print the regular expression); undefined for "must match the pattern ...". */
  readonly pattern?: (pattern: string, value: unknown) => string | undefined;
  /** The message for a key the schema does not allow, given the keys it does; default `unknown key "x"`. */
  readonly unknownKey?: (key: string, allowed: readonly string[]) => string;
  /** How the names of several allowed types are joined; default "a string, a number or true or false". */
  readonly typeNames?: (names: readonly string[]) => string;
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value lines)',
  null: 'empty',
};

/**
 * One ajv error (of a validator compiled with `verbose: true`, which gives parentSchema and data) in the words
 * of someone editing the YAML file, with the path it is about. Keywords a file's schema uses in its own way
 * (`not`, `propertyNames`, composites) are for the caller to describe before this.
 */
export function describeSchemaError(error: ErrorObject, data: unknown, wording: SchemaErrorWording = {}): Finding {
  const path = instanceSegments(error.instancePath, data);
  const params: Readonly<Record<string, unknown>> = error.params;
  const limit = String(params['limit']);
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params['missingProperty'])], message: 'is required' };
    case 'additionalProperties': {
      const key = String(params['additionalProperty']);
      const properties: unknown = isRecord(error.parentSchema) ? error.parentSchema['properties'] : undefined;
      const allowed = isRecord(properties) ? Object.keys(properties) : [];
      return { path: [...path, key], message: wording.unknownKey?.(key, allowed) ?? `unknown key "${key}"` };
    }
    case 'type': {
      const names = String(params['type'])
        .split(',')
        .map((type) => TYPE_NAMES[type] ?? type);
      return { path, message: `must be ${(wording.typeNames ?? listWords)(names)}` };
    }
    case 'enum':
      return { path, message: `must be one of ${asList(params['allowedValues']).join(', ')}` };
    case 'const':
      return { path, message: `must be ${String(params['allowedValue'])}` };
    case 'minimum':
      return { path, message: `must be at least ${limit}` };
    case 'maximum':
      return { path, message: `must be at most ${limit}` };
    case 'exclusiveMinimum':
      return { path, message: `must be more than ${limit}` };
    case 'minLength':
      return { path, message: limit === '1' ? 'must not be empty' : `must be at least ${limit} characters` };
    case 'maxLength':
      return { path, message: `must be at most ${limit} characters` };
    case 'minItems':
      return { path, message: limit === '1' ? 'must not be empty: list at least one' : `must list at least ${limit}` };
    case 'maxItems':
      return { path, message: `must list at most ${limit}` };
    case 'minProperties':
      return { path, message: limit === '1' ? 'must define at least one' : `must define at least ${limit}` };
    case 'uniqueItems':
      return { path, message: `lists ${JSON.stringify(valueAt(data, [...path, Number(params['i'])]))} twice` };
    case 'pattern': {
      const pattern = String(params['pattern']);
      return { path, message: wording.pattern?.(pattern, error.data) ?? `must match the pattern ${pattern}` };
    }
    default:
      return { path, message: error.message ?? 'is not valid here' };
  }
}

/** A JSON pointer (ajv's instancePath) as path segments, indexes as numbers where the data holds a list. */
export function instanceSegments(pointer: string, data: unknown): PathSegment[] {
  if (pointer === '') return [];
  const path: PathSegment[] = [];
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path.push(Array.isArray(valueAt(data, path)) && /^\d+$/.test(segment) ? Number(segment) : segment);
  }
  return path;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** `a, b or c`. */
function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}
