import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import asyncApiSpecs from '@asyncapi/specs';
import { IsOptional, IsString } from 'class-validator';
import { EngagementEventV1, isJsonObject, TOPIC_CATALOG, toJsonValue, type JsonSchema, type JsonValue } from '@baton/contracts';
import { assertMatchesAsyncApi } from '@baton/testing';
import { WORKSPACE_ROOT, workspaceVersion } from '../api-docs.cli';
import { ASYNCAPI_DOCUMENT_PATH, buildAsyncApiDocument, channelIdOf, renderAsyncApiDocument } from '../asyncapi-document';

function checkedIn(): string {
  return readFileSync(resolve(WORKSPACE_ROOT, ASYNCAPI_DOCUMENT_PATH), 'utf8');
}

function objectAt(value: JsonValue | undefined, ...path: string[]): JsonSchema {
  let current = value;
  for (const key of path) current = Array.isArray(current) ? current[Number(key)] : isJsonObject(current) ? current[key] : undefined;
  if (!isJsonObject(current)) throw new Error(`no object at ${path.join('.')}`);
  return current;
}

/** Every `$ref` of the document, with where it is. */
function refsOf(value: JsonValue, path = '#'): [string, string][] {
  if (Array.isArray(value)) return value.flatMap((item, index) => refsOf(item, `${path}/${index}`));
  if (!isJsonObject(value)) return [];
  return Object.entries(value).flatMap(([key, member]): [string, string][] => (key === '$ref' && typeof member === 'string' ? [[path, member]] : refsOf(member, `${path}/${key}`)));
}

function resolvePointer(document: JsonValue, pointer: string): JsonValue | undefined {
  let current: JsonValue | undefined = document;
  for (const token of pointer.replace(/^#\//, '').split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    current = isJsonObject(current) ? current[key] : Array.isArray(current) ? current[Number(key)] : undefined;
  }
  return current;
}

describe('the AsyncAPI document (docs/asyncapi.json)', () => {
  const document = toJsonValue(JSON.parse(checkedIn()));

  it('should be what the contracts and the topic catalog generate now (else run `npm run api-docs` and commit it)', () => {
    const current = renderAsyncApiDocument(workspaceVersion());
    if (checkedIn() !== current) {
      throw new Error(`${ASYNCAPI_DOCUMENT_PATH} is out of date with the contracts or TOPIC_CATALOG: run \`npm run api-docs\` and commit the result`);
    }
  });

  it('should be a valid AsyncAPI 3.0 document by the official JSON Schema', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    // The variant without $ids: the one with them declares some twice, which Ajv refuses as ambiguous.
    const validate = ajv.compile(asyncApiSpecs.schemasWithoutId['3.0.0']);
    const valid = validate(document);
    expect(valid ? [] : validate.errors).toEqual([]);
  });

  it('should have one channel per topic of TOPIC_CATALOG, addressed by the topic name', () => {
    const channels = objectAt(document, 'channels');
    expect(Object.keys(channels)).toHaveLength(TOPIC_CATALOG.length);
    for (const topic of TOPIC_CATALOG) {
      expect(objectAt(channels, channelIdOf(topic.name))).toMatchObject({ address: topic.name, bindings: { kafka: { topic: topic.name } } });
    }
  });

  it('should have a send operation for each producer and a receive operation for each consumer of a topic', () => {
    const operations = Object.values(objectAt(document, 'operations'));
    for (const topic of TOPIC_CATALOG) {
      const onChannel = operations.filter((operation) => isJsonObject(operation) && objectAt(operation, 'channel')['$ref'] === `#/channels/${channelIdOf(topic.name)}`);
      const by = (action: string): string[] =>
        onChannel.filter((operation) => isJsonObject(operation) && operation['action'] === action).map((operation) => String(objectAt(operation, 'tags', '0')['name']));
      expect(by('send')).toEqual([topic.producer]);
      expect(by('receive').sort()).toEqual([...topic.consumers].sort());
    }
  });

  it('should resolve every $ref inside the document', () => {
    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(30);
    expect(refs.filter(([, ref]) => resolvePointer(document, ref) === undefined)).toEqual([]);
  });

  it('should describe the lead-id key and the payload of each contract topic', () => {
    expect(objectAt(document, 'components', 'messages', 'EngagementEventV1')).toMatchObject({
      payload: { $ref: '#/components/schemas/EngagementEventV1' },
      bindings: { kafka: { key: { type: 'string', pattern: expect.any(String) } } },
    });
    expect(objectAt(document, 'components', 'schemas', 'LeadProfileUpdatedV1', 'properties', 'traits')).toEqual({ $ref: '#/components/schemas/ProfileTraitsV1' });
    expect(objectAt(document, 'channels', 'engagementEventsV1', 'bindings', 'kafka')).toMatchObject({ topicConfiguration: { 'retention.ms': -1 } });
  });

  it('should refuse what AsyncAPI 3.0 does not allow (the check has teeth)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(asyncApiSpecs.schemasWithoutId['3.0.0']);
    const broken = buildAsyncApiDocument('1.0.0');
    objectAt(broken, 'operations', 'ingestSendsEngagementEventsV1')['action'] = 'publish';
    objectAt(broken, 'components', 'schemas', 'EngagementEventV1')['required'] = 'eventId';
    expect(validate(broken)).toBe(false);
  });

  // Last: it changes a contract class for the rest of this file.
  it('should no longer match the checked-in file once a contract changes', () => {
    IsOptional()(EngagementEventV1.prototype, 'campaign');
    IsString()(EngagementEventV1.prototype, 'campaign');
    const changed = renderAsyncApiDocument(workspaceVersion());
    expect(changed).not.toEqual(checkedIn());
    expect(objectAt(toJsonValue(JSON.parse(changed)), 'components', 'schemas', 'EngagementEventV1', 'properties', 'campaign')).toEqual({ type: ['string', 'null'] });
  });
});

describe('assertMatchesAsyncApi', () => {
  const event = { eventId: 'evt-1', leadId: 'ada-1', type: 'page_view', occurredAt: '2026-11-24T10:00:00Z', properties: { url: '/pricing' } };

  it('should accept a message that satisfies its topic payload schema, as a value or as JSON text', () => {
    expect(() => assertMatchesAsyncApi('baton.engagement-events.v1', event)).not.toThrow();
    expect(() => assertMatchesAsyncApi('baton.engagement-events.v1', JSON.stringify(event), 'ada-1')).not.toThrow();
    expect(() => assertMatchesAsyncApi('baton.engagement-events.v1', Buffer.from(JSON.stringify(event)))).not.toThrow();
  });

  it('should name every field that does not', () => {
    expect(() => assertMatchesAsyncApi('baton.engagement-events.v1', { ...event, occurredAt: '2026-11-24 10:00', leadId: 7 })).toThrow(/baton\.engagement-events\.v1.*\n.*\/leadId.*\n.*\/occurredAt/s);
  });

  it('should check the key when given', () => {
    expect(() => assertMatchesAsyncApi('baton.engagement-events.v1', event, 'a lead with spaces')).toThrow(/key/);
  });

  it('should refuse a topic the document does not have', () => {
    expect(() => assertMatchesAsyncApi('baton.nothing.v1', event)).toThrow(/no channel.*baton\.nothing\.v1/);
  });

  it('should accept anything as a dead letter value, which is the consumed one as it was', () => {
    expect(() => assertMatchesAsyncApi('baton.scoring.dead-letter.v1', 'not json at all')).not.toThrow();
  });
});
