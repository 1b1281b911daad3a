import { CONDITION_FIELD_PATTERN, CONDITION_SCHEMA } from '@baton/condition-file';

/**
 * JSON Schema (draft-07) of the notifier routing file (NOTIFIER_ROUTING_FILE). What a schema cannot say is
 * checked in parse-routing-file.ts: references between sections, unique owner ids and route names, exactly one
 * operator per condition, environment variables set and well-formed, regular expressions that compile.
 */
export const ID_PATTERN = '^[a-z][a-z0-9-]{0,63}$';
export const ENV_NAME_PATTERN = '^[A-Z_][A-Z0-9_]{0,127}$';
export const OWNER_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';
/** A route's condition reads a field of the LeadQualified event, named as in any condition. */
export const FIELD_PATTERN = CONDITION_FIELD_PATTERN;
export const HTTP_URL_PATTERN = '^https?://[^\\s]+$';
export const SMTP_URL_PATTERN = '^smtps?://[^\\s]+$';
export const EMAIL_PATTERN = '^[^\\s@<>,]+@[^\\s@<>,]+$';
/** `alerts@example.com` or `Baton <alerts@example.com>`. */
export const FROM_PATTERN = '^([^<>@\\r\\n]+ )?<?[^\\s@<>,]+@[^\\s@<>,]+>?$';
export const SLACK_USER_ID_PATTERN = '^[UW][A-Z0-9]{2,31}$';
/** The current and, during a rotation, the next secret. */
export const MAX_WEBHOOK_SECRETS = 2;

const timing = {
  timeoutMs: { type: 'integer', minimum: 100, maximum: 120_000, description: 'Milliseconds one attempt may take (default 5000).' },
  maxConcurrency: { type: 'integer', minimum: 1, maximum: 64, description: 'Deliveries in flight at once on this channel (default 4).' },
} as const;

const linkTemplate = {
  type: 'string',
  pattern: HTTP_URL_PATTERN,
  maxLength: 2000,
  description: 'A link to the lead in the CRM; {leadId}, {qualificationId} and {stage} are filled in.',
} as const;

const envName = { type: 'string', pattern: ENV_NAME_PATTERN } as const;

export const ROUTING_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://baton.example/schemas/notifier-routing-1.json',
  title: 'Baton notifier routing',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'channels', 'default'],
  properties: {
    version: { const: 'routing-1' },
    channels: {
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: { $ref: '#/definitions/channel' },
    },
    teams: {
      type: 'object',
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: { $ref: '#/definitions/team' },
    },
    routes: { type: 'array', maxItems: 500, items: { $ref: '#/definitions/route' } },
    default: {
      type: 'object',
      additionalProperties: false,
      required: ['channels'],
      properties: { team: { type: 'string', pattern: ID_PATTERN }, channels: { $ref: '#/definitions/channelList' } },
    },
  },
  definitions: {
    channelList: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: ID_PATTERN } },
    channel: {
      type: 'object',
      required: ['type'],
      properties: { type: { enum: ['webhook', 'slack', 'email'] } },
      allOf: [
        { if: { required: ['type'], properties: { type: { const: 'webhook' } } }, then: { $ref: '#/definitions/webhookChannel' } },
        { if: { required: ['type'], properties: { type: { const: 'slack' } } }, then: { $ref: '#/definitions/slackChannel' } },
        { if: { required: ['type'], properties: { type: { const: 'email' } } }, then: { $ref: '#/definitions/emailChannel' } },
      ],
    },
    webhookChannel: {
      type: 'object',
      additionalProperties: false,
      required: ['secretEnv'],
      properties: {
        type: { const: 'webhook' },
        url: { type: 'string', pattern: HTTP_URL_PATTERN, maxLength: 2000 },
        urlEnv: envName,
        secretEnv: { type: 'array', minItems: 1, maxItems: MAX_WEBHOOK_SECRETS, uniqueItems: true, items: envName },
        ...timing,
      },
    },
    slackChannel: {
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { const: 'slack' },
        url: { type: 'string', pattern: HTTP_URL_PATTERN, maxLength: 2000 },
        urlEnv: envName,
        linkTemplate,
        ...timing,
      },
    },
    emailChannel: {
      type: 'object',
      additionalProperties: false,
      required: ['from'],
      properties: {
        type: { const: 'email' },
        smtpUrl: { type: 'string', pattern: SMTP_URL_PATTERN, maxLength: 2000 },
        smtpUrlEnv: envName,
        from: { type: 'string', pattern: FROM_PATTERN, maxLength: 320 },
        to: { type: 'array', maxItems: 100, uniqueItems: true, items: { type: 'string', pattern: EMAIL_PATTERN, maxLength: 320 } },
        toOwner: { type: 'boolean' },
        linkTemplate,
        ...timing,
      },
    },
    team: {
      type: 'object',
      additionalProperties: false,
      required: ['owners'],
      properties: { owners: { type: 'array', minItems: 1, maxItems: 1000, items: { $ref: '#/definitions/owner' } } },
    },
    owner: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name'],
      properties: {
        id: { type: 'string', pattern: OWNER_ID_PATTERN },
        name: { type: 'string', minLength: 1, maxLength: 200 },
        email: { type: 'string', pattern: EMAIL_PATTERN, maxLength: 320 },
        slackUserId: { type: 'string', pattern: SLACK_USER_ID_PATTERN },
      },
    },
    route: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'when', 'channels'],
      properties: {
        name: { type: 'string', pattern: ID_PATTERN },
        when: { type: 'array', minItems: 1, maxItems: 50, items: { $ref: '#/definitions/condition' } },
        team: { type: 'string', pattern: ID_PATTERN },
        channels: { $ref: '#/definitions/channelList' },
      },
    },
    /** The condition language of the scoring model's rules (@baton/condition-file): field and exactly one operator. */
    condition: CONDITION_SCHEMA,
  },
} as const;
