import { getMetadataStorage, ValidationTypes, MATCHES } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import type { MetadataStorage as ClassTransformerMetadataStorage } from 'class-transformer/types/MetadataStorage';
import { validationMetadataArrayToSchemas } from 'class-validator-jsonschema';
import { AlertSentV1 } from '../alert-sent';
import { EngagementEventV1 } from '../engagement-event';
import { IdentityLinkedV1 } from '../identity-link';
import { BantTraitsV1, CompanyTraitsV1, LeadProfileUpdatedV1, ProfileTraitsV1 } from '../lead-profile';
import { JourneyStepV1, LeadQualifiedV1, ScoreBreakdownV1 } from '../lead-qualified';
import { SalesFeedbackV1 } from '../sales-feedback';
import { CarriedEngagementV1, DayPointsV1, EngagementTrailV1, RulePointsV1, ScoreChangedV1 } from '../score-changed';
import { LeadStageChangedV1 } from '../stage-changed';
import { ID_PATTERN, KINDED_OBJECT, TIMESTAMP_WITH_ZONE } from '../validation/contract-decorators';
import { isJsonObject, toJsonValue, type JsonSchema, type JsonValue } from './json-value';

// class-transformer keeps what @Type says in this singleton; its package ships no typings for the path.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: ClassTransformerMetadataStorage };

/**
 * Every class of the public contracts, nested ones included, with what it is for: each becomes one named
 * schema, and a nested class (`@ValidateNested` + `@Type`) a `$ref` to its own.
 */
export const CONTRACT_CLASSES: Readonly<Record<string, { readonly type: new () => object; readonly description: string }>> = {
  EngagementEventV1: {
    type: EngagementEventV1,
    description: 'Something a lead did: a page view, a download, a demo request. Produced by ingest, keyed by leadId; `eventId` makes a resent event count once.',
  },
  LeadProfileUpdatedV1: {
    type: LeadProfileUpdatedV1,
    description:
      'Who a lead is, as a partial update merged into what is known: a trait present replaces the stored value, null clears it, an absent trait is kept. Produced by ingest, keyed by leadId; `updateId` makes a resent update count once.',
  },
  ProfileTraitsV1: { type: ProfileTraitsV1, description: 'The traits of a lead; every one optional, null clears it. `technologies` is replaced as a whole list.' },
  CompanyTraitsV1: { type: CompanyTraitsV1, description: "The lead's company; merged field by field." },
  BantTraitsV1: { type: BantTraitsV1, description: 'BANT: each criterion true when known and satisfied, false when known and not, null or absent when unknown.' },
  ScoreChangedV1: {
    type: ScoreChangedV1,
    description:
      'A lead was scored again because of one engagement event or one profile update. Produced by scoring, keyed by leadId, one per cause; a redelivered cause is re-emitted with the same `scoreChangeId`.',
  },
  RulePointsV1: { type: RulePointsV1, description: 'Points one rule of the scoring model contributes.' },
  EngagementTrailV1: { type: EngagementTrailV1, description: "What a lead's engagement on any later day depends on, under the model's decay: the days that can still count and what older days left." },
  DayPointsV1: { type: DayPointsV1, description: 'Engagement points (after caps) earned on one UTC day.' },
  CarriedEngagementV1: { type: CarriedEngagementV1, description: 'The engagement left on a day from the days before it, folded in (unrounded).' },
  LeadQualifiedV1: {
    type: LeadQualifiedV1,
    description:
      'A lead reached a qualified stage (MQL or SQL), with what a salesperson needs to call. Emitted once per qualification; `qualificationId` is stable across retries and replays, so consumers can deduplicate by it.',
  },
  ScoreBreakdownV1: { type: ScoreBreakdownV1, description: 'Points per engagement rule and per fit rule.' },
  JourneyStepV1: { type: JourneyStepV1, description: "One step of the lead's engagement: what they viewed, downloaded, searched, opened." },
  LeadStageChangedV1: {
    type: LeadStageChangedV1,
    description: 'A lead moved from one stage to another. Produced by lifecycle for every transition, keyed by leadId; `transitionId` is stable across re-publication.',
  },
  SalesFeedbackV1: {
    type: SalesFeedbackV1,
    description:
      'What sales said about a lead: accepted (SQL to opportunity), rejected (back to nurture), won, lost. Sent by a CRM integration, keyed by leadId; `feedbackId` makes a resent answer apply once.',
  },
  IdentityLinkedV1: {
    type: IdentityLinkedV1,
    description:
      'An anonymous visitor turned out to be a lead: its events stored under `anonymousLeadId` count for `leadId` from now on. Produced by ingest before it answers, keyed by anonymousLeadId; the first link of a visitor holds.',
  },
  AlertSentV1: { type: AlertSentV1, description: 'An alert reached its channel: who owns the lead now, on which channel, after how many attempts. Produced by the notifier, keyed by leadId.' },
};

/**
 * How "may be null" is written: OpenAPI 3.0 has `nullable: true`, JSON Schema (and AsyncAPI's schema format,
 * a superset of draft-07) a `null` type.
 */
export type JsonSchemaDialect = 'openapi-3.0' | 'json-schema-draft-07';

export interface ContractJsonSchemaOptions {
  /** Where `$ref`s to other contract schemas point: `#/components/schemas/` (OpenAPI, AsyncAPI), `#/definitions/`. */
  readonly refPointerPrefix?: string;
  readonly dialect?: JsonSchemaDialect;
  /**
   * `additionalProperties: false` on every object: the HTTP edge refuses unknown fields by name. Kafka consumers
   * ignore fields they do not know (a producer may add an optional one), so the topics' schemas stay open.
   */
  readonly closed?: boolean;
}

const ID_DESCRIPTION = '1 to 128 characters of letters, digits and . _ : @ + - / =';
const TIMESTAMP_DESCRIPTION = 'ISO-8601 date-time with a zone (Z or ±hh:mm), e.g. 2026-01-31T09:30:00Z';

type Converters = NonNullable<Parameters<typeof validationMetadataArrayToSchemas>[1]>['additionalConverters'];

const CONVERTERS: Converters = {
  // Ids and timestamps are @Matches with the shared patterns: say what they are, not only the pattern.
  [MATCHES]: (meta: ValidationMetadata) => {
    const pattern = meta.constraints[0] as RegExp;
    if (pattern.source === TIMESTAMP_WITH_ZONE.source) return { type: 'string', format: 'date-time', pattern: pattern.source, description: TIMESTAMP_DESCRIPTION };
    if (pattern.source === ID_PATTERN.source) return { type: 'string', pattern: pattern.source, description: ID_DESCRIPTION };
    return { type: 'string', pattern: pattern.source };
  },
  // Timestamp()'s calendar check: `format: date-time` says the same.
  realTimestamp: {},
  // "required" already says it; the default `not: {type: null}` is not OpenAPI 3.0.
  [ValidationTypes.IS_DEFINED]: {},
  [KINDED_OBJECT]: (meta: ValidationMetadata) => ({
    type: 'object',
    required: ['kind'],
    properties: { kind: { type: 'string', enum: [...(meta.constraints[0] as readonly string[])] } },
    description: 'Shaped by its `kind`; the other fields travel as they are.',
  }),
};

/**
 * JSON Schemas of every contract class, generated from their class-validator metadata (so they cannot drift
 * from what `parseContract` accepts), keyed by class name. Optional fields may be null, as class-validator's
 * `@IsOptional` lets null through.
 */
export function contractJsonSchemas(options: ContractJsonSchemaOptions = {}): Record<string, JsonSchema> {
  const refPointerPrefix = options.refPointerPrefix ?? '#/components/schemas/';
  const dialect = options.dialect ?? 'json-schema-draft-07';
  const generated = validationMetadataArrayToSchemas(contractMetadatas(), {
    refPointerPrefix,
    additionalConverters: CONVERTERS,
    classTransformerMetadataStorage: defaultMetadataStorage,
  });
  const schemas: Record<string, JsonSchema> = {};
  for (const [name, { description }] of Object.entries(CONTRACT_CLASSES)) {
    const raw = toJsonValue(generated[name]);
    if (!isJsonObject(raw)) throw new Error(`no JSON Schema was generated for the contract ${name}`);
    schemas[name] = finishObjectSchema(raw, description, dialect, options.closed === true);
  }
  return schemas;
}

/** The class-validator metadata of the contract classes only (other classes of the process are not contracts). */
function contractMetadatas(): ValidationMetadata[] {
  const storage = getMetadataStorage();
  return Object.values(CONTRACT_CLASSES).flatMap(({ type }) =>
    storage.getTargetValidationMetadatas(type, '', true, false).map((meta) => {
      // A ValidateBy constraint is recorded as a custom validation; its name is what the converters key on.
      const constraint = meta.constraintCls === undefined ? undefined : storage.getTargetValidatorConstraints(meta.constraintCls)[0];
      return constraint?.name === undefined ? meta : Object.assign(Object.create(Object.getPrototypeOf(meta) as object) as ValidationMetadata, meta, { type: constraint.name });
    }),
  );
}

function finishObjectSchema(schema: JsonSchema, description: string, dialect: JsonSchemaDialect, closed: boolean): JsonSchema {
  const required = Array.isArray(schema['required']) ? schema['required'].filter((name): name is string => typeof name === 'string') : [];
  const properties: Record<string, JsonValue> = {};
  const rawProperties = schema['properties'];
  for (const [name, property] of Object.entries(isJsonObject(rawProperties) ? rawProperties : {})) {
    if (!isJsonObject(property)) throw new Error(`the schema of ${name} is not an object`);
    const clean = withoutRefSiblings(property);
    properties[name] = required.includes(name) ? clean : nullable(clean, dialect);
  }
  return {
    type: 'object',
    description,
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(closed ? { additionalProperties: false } : {}),
  };
}

/** `@IsObject` next to `@ValidateNested` adds `type: object` beside the `$ref`; a `$ref` stands alone. */
function withoutRefSiblings(property: JsonSchema): JsonSchema {
  const ref = property['$ref'];
  return typeof ref === 'string' ? { $ref: ref } : property;
}

function nullable(property: JsonSchema, dialect: JsonSchemaDialect): JsonSchema {
  const ref = property['$ref'];
  const type = property['type'];
  const enumValues = property['enum'];
  const withNullEnum: JsonSchema = Array.isArray(enumValues) ? { enum: [...enumValues, null] } : {};
  switch (dialect) {
    case 'openapi-3.0':
      // OpenAPI 3.0 has no null type, and `nullable` beside an allOf does not reach into it (3.0.3): a
      // nullable reference is the reference or a nullable object that can only be null.
      if (typeof ref === 'string') return { anyOf: [{ $ref: ref }, { type: 'object', nullable: true, enum: [null] }] };
      return typeof type === 'string' ? { ...property, ...withNullEnum, nullable: true } : property;
    case 'json-schema-draft-07':
      if (typeof ref === 'string') return { anyOf: [{ $ref: ref }, { type: 'null' }] };
      return typeof type === 'string' ? { ...property, ...withNullEnum, type: [type, 'null'] } : property;
  }
}
