import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isJsonObject, toJsonValue, type JsonSchema, type JsonValue } from '@baton/contracts';
import { WORKSPACE_ROOT } from './baton-system';

const DOCUMENT_URI = 'asyncapi.json';

interface TopicValidators {
  readonly payload: ValidateFunction;
  readonly key: ValidateFunction | undefined;
}

let compiled: { readonly ajv: Ajv; readonly channels: readonly JsonSchema[]; readonly byTopic: Map<string, TopicValidators> } | undefined;

function load(): NonNullable<typeof compiled> {
  if (compiled !== undefined) return compiled;
  const document = toJsonValue(JSON.parse(readFileSync(resolve(WORKSPACE_ROOT, 'docs/asyncapi.json'), 'utf8')));
  if (!isJsonObject(document) || !isJsonObject(document['channels']) || !isJsonObject(document['components'])) throw new Error('docs/asyncapi.json is not an AsyncAPI document');
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // Only the components: the payloads' $refs (#/components/schemas/...) resolve inside this one schema.
  ajv.addSchema({ $id: DOCUMENT_URI, components: document['components'] });
  compiled = { ajv, channels: Object.values(document['channels']).filter(isJsonObject), byTopic: new Map() };
  return compiled;
}

function validatorsFor(topic: string): TopicValidators {
  const state = load();
  const known = state.byTopic.get(topic);
  if (known !== undefined) return known;
  const channel = state.channels.find((candidate) => candidate['address'] === topic);
  if (channel === undefined) throw new Error(`docs/asyncapi.json has no channel with the address ${topic}`);
  const message = resolveLocal(state, Object.values(isJsonObject(channel['messages']) ? channel['messages'] : {})[0]);
  const payload = message['payload'];
  const keySchema = resolveLocal(state, message['bindings'])['kafka'];
  const validators: TopicValidators = {
    payload: state.ajv.compile(absolutised(isJsonObject(payload) ? payload : {})),
    key: isJsonObject(keySchema) && isJsonObject(keySchema['key']) ? state.ajv.compile(absolutised(keySchema['key'])) : undefined,
  };
  state.byTopic.set(topic, validators);
  return validators;
}

/** Follows a `#/components/...` reference (a message), or returns the object as it is. */
function resolveLocal(state: NonNullable<typeof compiled>, value: JsonValue | undefined): JsonSchema {
  if (!isJsonObject(value)) return {};
  const ref = value['$ref'];
  if (typeof ref !== 'string') return value;
  const schema = state.ajv.getSchema(`${DOCUMENT_URI}${ref}`)?.schema;
  const target = toJsonValue(schema);
  return isJsonObject(target) ? target : {};
}

/** `#/components/schemas/X` inside a compiled payload points into the document. */
function absolutised(schema: JsonSchema): JsonSchema {
  const copy = toJsonValue(schema);
  const rewrite = (value: JsonValue): JsonValue => {
    if (Array.isArray(value)) return value.map(rewrite);
    if (!isJsonObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [key, key === '$ref' && typeof member === 'string' && member.startsWith('#/') ? `${DOCUMENT_URI}${member}` : rewrite(member)]),
    );
  };
  const result = rewrite(copy);
  return isJsonObject(result) ? result : {};
}

function describe(errors: readonly ErrorObject[] | null | undefined): string {
  return (errors ?? []).map((error) => `  ${error.instancePath === '' ? '(the value)' : error.instancePath} ${error.message ?? 'is invalid'}`).join('\n');
}

/**
 * Asserts that a message consumed from `topic` satisfies the payload schema (and, given, the key schema) of
 * that topic in the checked-in docs/asyncapi.json: what the document promises is what the services write.
 * The payload may be the parsed value or the message value as text or bytes (parsed as JSON).
 */
export function assertMatchesAsyncApi(topic: string, payload: unknown, key?: string): void {
  const validators = validatorsFor(topic);
  let value: unknown = payload;
  let notJson = false;
  if (typeof payload === 'string' || Buffer.isBuffer(payload)) {
    const text = payload.toString();
    try {
      value = JSON.parse(text);
    } catch {
      value = text;
      notJson = true;
    }
  }
  if (!validators.payload(value)) {
    throw new Error(`a message on ${topic} does not match its payload schema in docs/asyncapi.json${notJson ? ' (its value is not JSON)' : ''}:\n${describe(validators.payload.errors)}`);
  }
  if (key !== undefined && validators.key !== undefined && !validators.key(key)) {
    throw new Error(`a message on ${topic} has a key that does not match docs/asyncapi.json:\n${describe(validators.key.errors)}`);
  }
}
