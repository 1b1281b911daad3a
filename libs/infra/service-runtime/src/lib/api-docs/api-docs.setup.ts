import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type SchemaObject } from '@nestjs/swagger';
import { contractJsonSchemas } from '@baton/contracts';
import { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from './problem.schema';

export const API_DOCS_PATH = 'docs';
export const OPENAPI_DOCUMENT_PATH = 'openapi.json';

/** The security schemes every endpoint that needs a key lists (see `@RequiresScope`): one key, three ways to send it. */
export const API_SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'baton_...',
    description: 'An API key `baton_...` created with `npm run api-keys -- create`, as `Authorization: Bearer baton_...`.',
  },
  apiKeyHeader: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The same API key in the `X-API-Key` header.' },
  basic: {
    type: 'http',
    scheme: 'basic',
    description: 'The API key as the Basic user name (the password is ignored), for Segment- and RudderStack-style senders that send a write key this way.',
  },
} as const;

const SERVICE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  ingest: 'The front door: engagement events (native and Segment-compatible) and profile updates, validated and stored on Kafka before the answer.',
  scoring: 'Scores every lead from its engagement and profile; serves health and metrics only.',
  lifecycle: "Each lead's stage, history and scores as sales sees them, sales feedback, and the funnel figures.",
  notifier: "Each lead's delivery log of sales alerts, the alerts given up on, and re-sending them.",
};

export interface ApiDocsOptions {
  /** `ingest`, `lifecycle`, ...: the document's title is `Baton <service> API`. */
  readonly service: string;
  /** What the service's API is for; by default Baton's own description of that service. */
  readonly description?: string;
  readonly version?: string;
}

/**
 * The OpenAPI 3.0 document of the app's controllers, with the security schemes, the Problem schema that every
 * error response refers to and the JSON Schemas of all contracts (generated from their validation, closed as
 * the HTTP edge refuses unknown fields).
 */
export function buildOpenApiDocument(app: INestApplication, options: ApiDocsOptions): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(`Baton ${options.service} API`)
    .setDescription(
      [
        options.description ?? SERVICE_DESCRIPTIONS[options.service] ?? `The HTTP API of ${options.service}.`,
        'Errors are RFC 9457 `application/problem+json` (schema `Problem`). Endpoints that need an API key say so by their security and their `x-required-scope`.',
      ].join('\n\n'),
    )
    .setVersion(options.version ?? '1.0.0');
  for (const [name, scheme] of Object.entries(API_SECURITY_SCHEMES)) builder.addSecurity(name, scheme);
  const config = builder.build();
  const contracts = contractJsonSchemas({ dialect: 'openapi-3.0', refPointerPrefix: '#/components/schemas/', closed: true });
  config.components = {
    ...config.components,
    schemas: { ...(contracts as Record<string, SchemaObject>), [PROBLEM_SCHEMA_NAME]: PROBLEM_SCHEMA },
  };
  return SwaggerModule.createDocument(app, config);
}

/**
 * Serves the app's OpenAPI document at `GET /openapi.json` and Swagger UI at `GET /docs`, without an API key
 * (they are plain Express routes, outside the guards). Built now, so a broken decorator stops the start.
 */
export function setupApiDocs(app: NestExpressApplication, options: ApiDocsOptions): OpenAPIObject {
  const document = buildOpenApiDocument(app, options);
  SwaggerModule.setup(API_DOCS_PATH, app, document, {
    jsonDocumentUrl: OPENAPI_DOCUMENT_PATH,
    raw: ['json'],
    useGlobalPrefix: false,
    customSiteTitle: `Baton ${options.service} API`,
    swaggerOptions: { persistAuthorization: false, displayOperationId: false, tryItOutEnabled: false },
  });
  return document;
}
