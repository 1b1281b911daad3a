import { contractJsonSchemas, DEAD_LETTER_HEADERS, ID_PATTERN, TOPIC_CATALOG, type BatonService, type JsonSchema, type JsonValue, type TopicDescription } from '@baton/contracts';
import { TRACE_HEADERS } from '@baton/telemetry';

/** Where the checked-in document lives, relative to the workspace root. */
export const ASYNCAPI_DOCUMENT_PATH = 'docs/asyncapi.json';

const SCHEMAS_PREFIX = '#/components/schemas/';
const KAFKA_BINDING_VERSION = '0.5.0';

const SERVICE_ROLES: Readonly<Record<BatonService | 'external', string>> = {
  ingest: 'ingest validates what upstream systems send over HTTP and stores it on Kafka.',
  scoring: 'scoring applies the scoring model to each engagement event and profile update.',
  lifecycle: "lifecycle applies the model file's stages to each score change and to sales feedback.",
  notifier: 'the notifier routes each qualification to its channels and announces what was delivered.',
  external: 'Not a Baton service: CRM integrations and other systems of the company write these.',
};

/**
 * The AsyncAPI 3.0 document of Baton's Kafka topics, built from TOPIC_CATALOG and the contract classes'
 * validation: one channel per topic (its address is the topic name), one message per value contract with its
 * key, a send operation for the producer and a receive operation for each consumer.
 */
export function buildAsyncApiDocument(version: string): JsonSchema {
  const schemas = contractJsonSchemas({ refPointerPrefix: SCHEMAS_PREFIX, dialect: 'json-schema-draft-07' });
  const channels: Record<string, JsonValue> = {};
  const operations: Record<string, JsonValue> = {};
  const messages: Record<string, JsonValue> = {};
  for (const topic of TOPIC_CATALOG) {
    const channelId = channelIdOf(topic.name);
    const message = messageOf(topic, schemas);
    messages[message.id] = message.body;
    channels[channelId] = {
      address: topic.name,
      title: topic.name,
      description: channelDescription(topic),
      messages: { [message.id]: { $ref: `#/components/messages/${message.id}` } },
      bindings: {
        kafka: {
          topic: topic.name,
          ...(topic.retainedForever === true ? { topicConfiguration: { 'retention.ms': -1 } } : {}),
          bindingVersion: KAFKA_BINDING_VERSION,
        },
      },
    };
    const messageRef = { $ref: `#/channels/${channelId}/messages/${message.id}` };
    operations[`${camel(topic.producer)}Sends${upperFirst(channelId)}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channelId}` },
      title: `${topic.producer} sends ${topic.name}`,
      summary: topic.producer === 'external' ? `Other systems write ${topic.name}.` : `${topic.producer} writes ${topic.name}.`,
      description: SERVICE_ROLES[topic.producer],
      tags: [{ name: topic.producer }],
      messages: [messageRef],
    };
    for (const consumer of topic.consumers) {
      operations[`${consumer}Receives${upperFirst(channelId)}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelId}` },
        title: `${consumer} receives ${topic.name}`,
        summary: `${consumer} consumes ${topic.name} in its consumer group.`,
        description: SERVICE_ROLES[consumer],
        tags: [{ name: consumer }],
        messages: [messageRef],
        bindings: {
          kafka: {
            groupId: { type: 'string', enum: [`baton-${consumer}`], description: `KAFKA_CONSUMER_GROUP of ${consumer}; this is its default.` },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      };
    }
  }
  return {
    asyncapi: '3.0.0',
    id: 'urn:baton:kafka',
    info: {
      title: 'Baton Kafka topics',
      version,
      description: [
        'The events Baton exchanges over Apache Kafka: what ingest stores, the score changes, the stage changes and',
        'qualifications, the alerts sent, the sales feedback, and the dead letters. Every topic about a lead is keyed',
        "by the lead id (UTF-8), so one lead's messages are on one partition, in order. Values are JSON. A breaking",
        'change is a new version (a new topic); adding an optional field is not, and consumers ignore fields they do',
        'not know. Generated from the contracts (`npm run api-docs`); do not edit by hand.',
      ].join(' '),
      tags: (['ingest', 'scoring', 'lifecycle', 'notifier', 'external'] as const).map((name) => ({ name, description: SERVICE_ROLES[name] })),
    },
    defaultContentType: 'application/json',
    servers: {
      kafka: {
        host: '{brokers}',
        protocol: 'kafka',
        description: 'The Kafka cluster of the deployment; each service creates the topics it uses at start.',
        variables: { brokers: { default: 'localhost:9092', description: 'KAFKA_BROKERS: comma-separated host:port.' } },
      },
    },
    channels,
    operations,
    components: { schemas: sortedByName(schemas), messages: sortedByName(messages) },
  };
}

/** What the Kafka key of a contract topic is, by the field of the value it repeats. */
const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  leadId: 'The lead id, UTF-8: one lead, one partition, in order. The same as `leadId` in the value.',
  anonymousLeadId: 'The anonymous lead id (`anon:<anonymousId>`), UTF-8: every link of one visitor on one partition, in order. The same as `anonymousLeadId` in the value.',
};

/** Kafka headers every message Baton produces carries; a producer of another team may leave them out. */
const TRACE_HEADER_PROPERTIES: Record<string, JsonValue> = {
  [TRACE_HEADERS.correlationId]: {
    type: 'string',
    pattern: '^[A-Za-z0-9._:@-]{1,128}$',
    description: 'The X-Correlation-Id of the HTTP request the message goes back to (made up when it had none); in every log line written for it.',
  },
  [TRACE_HEADERS.traceparent]: {
    type: 'string',
    pattern: '^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
    description: 'W3C Trace Context of the span that produced the message (the caller’s own when Baton does not trace).',
  },
  [TRACE_HEADERS.tracestate]: { type: 'string', description: 'W3C tracestate, handed on with traceparent.' },
};

interface MessageDefinition {
  readonly id: string;
  readonly body: JsonValue;
}

function messageOf(topic: TopicDescription, schemas: Readonly<Record<string, JsonSchema>>): MessageDefinition {
  const schema = schemas[topic.value];
  if (schema !== undefined) {
    const key = KEY_DESCRIPTIONS[topic.key];
    if (key === undefined) throw new Error(`${topic.name}: a contract topic keyed by ${topic.key}; describe that key in KEY_DESCRIPTIONS`);
    return {
      id: topic.value,
      body: {
        name: topic.value,
        title: topic.value,
        summary: typeof schema['description'] === 'string' ? schema['description'] : topic.value,
        contentType: 'application/json',
        headers: { type: 'object', properties: TRACE_HEADER_PROPERTIES },
        payload: { $ref: `${SCHEMAS_PREFIX}${topic.value}` },
        bindings: {
          kafka: {
            key: { type: 'string', pattern: ID_PATTERN.source, description: key },
            bindingVersion: KAFKA_BINDING_VERSION,
          },
        },
      },
    };
  }
  if (!topic.name.endsWith('.dead-letter.v1')) throw new Error(`${topic.name}: no contract class named ${topic.value}`);
  const sources = TOPIC_CATALOG.filter((source) => source.consumers.some((consumer) => consumer === topic.producer)).map((source) => `${source.name} (${source.value})`);
  const id = `${upperFirst(camel(topic.producer))}DeadLetter`;
  return {
    id,
    body: {
      name: id,
      title: `A message ${topic.producer} gave up on`,
      summary: `A message of ${sources.join(' or ')} that ${topic.producer} could never process, copied with its key and value untouched.`,
      description:
        'The value is the consumed one, byte for byte (it may be the reason it failed: not JSON, or not the contract); the headers say where it came from and why it was given up. The original headers are kept too.',
      headers: {
        type: 'object',
        required: Object.values(DEAD_LETTER_HEADERS),
        properties: {
          [DEAD_LETTER_HEADERS.reason]: { type: 'string', description: 'Why it was given up: the error code and message (`LIFECYCLE.FEEDBACK_REFUSED: ...`).' },
          [DEAD_LETTER_HEADERS.sourceTopic]: { type: 'string', enum: TOPIC_CATALOG.filter((source) => source.consumers.some((consumer) => consumer === topic.producer)).map((source) => source.name) },
          [DEAD_LETTER_HEADERS.sourcePartition]: { type: 'string', pattern: '^\\d+$' },
          [DEAD_LETTER_HEADERS.sourceOffset]: { type: 'string', pattern: '^\\d+$' },
          [DEAD_LETTER_HEADERS.attempts]: { type: 'string', pattern: '^[1-9]\\d*$', description: 'How many times it was tried.' },
          [DEAD_LETTER_HEADERS.failedAt]: { type: 'string', format: 'date-time' },
          ...TRACE_HEADER_PROPERTIES,
        },
      },
      payload: { description: `As consumed from ${sources.join(' or ')}.` },
      bindings: {
        kafka: { key: { type: 'string', description: 'As consumed: the key of the original message (the lead id).' }, bindingVersion: KAFKA_BINDING_VERSION },
      },
    },
  };
}

function channelDescription(topic: TopicDescription): string {
  const consumers = topic.consumers.length === 0 ? 'no Baton service (CRM sync, warehouses and other teams may)' : topic.consumers.join(', ');
  const retention = topic.retainedForever === true ? ' Kept forever (retention.ms=-1): a source of truth the state is rebuilt from after losing Redis.' : '';
  return `Key: ${topic.key}. Value: ${topic.value}. Written by ${topic.producer === 'external' ? 'other systems (CRM integrations)' : topic.producer}; read by ${consumers}.${retention}`;
}

/** `baton.engagement-events.v1` → `engagementEventsV1`. */
export function channelIdOf(topicName: string): string {
  return camel(topicName.replace(/^baton\./, ''));
}

function camel(text: string): string {
  return text
    .split(/[-._]/)
    .filter((part) => part !== '')
    .map((part, index) => (index === 0 ? part : upperFirst(part)))
    .join('');
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function sortedByName<T extends JsonValue>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** The document as written to ASYNCAPI_DOCUMENT_PATH. */
export function renderAsyncApiDocument(version: string): string {
  return `${JSON.stringify(buildAsyncApiDocument(version), null, 2)}\n`;
}
