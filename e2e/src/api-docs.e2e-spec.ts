import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { API_SCOPES, type ApiScope } from '@baton/api-key';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC } from '@baton/contracts';
import { assertMatchesAsyncApi, BatonSystem, TopicReader, uniqueId } from '@baton/testing';

const DOCUMENTED_SERVICES = ['ingest', 'lifecycle', 'notifier'] as const;
type DocumentedService = (typeof DOCUMENTED_SERVICES)[number];

/** Served without a key: probes and scrapes, which carry no lead data. */
const PUBLIC_PATH = /^\/(health|metrics)(\/|$)/;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface DocumentedOperation {
  readonly method: (typeof METHODS)[number];
  readonly path: string;
  readonly operation: OperationObject & { readonly 'x-required-scope'?: unknown };
}

function operationsOf(document: OpenAPIObject): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item?.[method];
      return operation === undefined ? [] : [{ method, path, operation }];
    }),
  );
}

/** `/v1/leads/{leadId}/feedback` → a URL that reaches that route. */
function concretePath(path: string): string {
  return path.replace(/\{[^}]+\}/g, (name) => (name === '{alertId}' ? 'alert_unknown_crm' : 'lead-docs-e2e'));
}

describe('the API documents of the running services', () => {
  const system = new BatonSystem();
  const documents = new Map<DocumentedService, OpenAPIObject>();

  beforeAll(async () => {
    await system.start({
      webhookUrl: 'http://127.0.0.1:9/unused',
      webhookSecret: BatonSystem.newWebhookSecret(),
      consumerGroupPrefix: uniqueId('baton-e2e-docs'),
      logPrefix: 'e2e-api-docs',
      services: DOCUMENTED_SERVICES,
    });
    for (const service of DOCUMENTED_SERVICES) {
      const response = await fetch(`${system.urlOf(service)}/openapi.json`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      documents.set(service, (await response.json()) as OpenAPIObject);
    }
  });

  afterAll(async () => {
    await system.stop();
  });

  function documentOf(service: DocumentedService): OpenAPIObject {
    const document = documents.get(service);
    if (document === undefined) throw new Error(`no document of ${service}`);
    return document;
  }

  describe.each(DOCUMENTED_SERVICES)('%s', (service) => {
    it('should serve a valid OpenAPI document at /openapi.json', async () => {
      const document = documentOf(service);
      // Validated as a file: the parser takes a path or its own document type, not Nest's.
      const file = join(mkdtempSync(join(tmpdir(), 'baton-openapi-')), `${service}.json`);
      writeFileSync(file, JSON.stringify(document));
      await expect(SwaggerParser.validate(file)).resolves.toBeDefined();
      expect(document.info.title).toBe(`Baton ${service} API`);
      expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['apiKey', 'apiKeyHeader', 'basic']);
      expect(document.components?.schemas?.['Problem']).toBeDefined();
    });

    it('should serve Swagger UI at /docs', async () => {
      const response = await fetch(`${system.urlOf(service)}/docs`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('swagger-ui');
    });

    it('should give every operation a required scope, except the public health and metrics ones', () => {
      const operations = operationsOf(documentOf(service));
      expect(operations.length).toBeGreaterThan(2);
      const unscoped = operations.filter(({ path, operation }) => typeof operation['x-required-scope'] !== 'string' && !PUBLIC_PATH.test(path));
      expect(unscoped.map(({ method, path }) => `${method.toUpperCase()} ${path}`)).toEqual([]);
      for (const { operation } of operations.filter(({ operation }) => typeof operation['x-required-scope'] === 'string')) {
        expect(operation.security).toEqual(expect.arrayContaining([{ apiKey: [] }]));
      }
    });

    it('should describe every operation and its errors as problem+json', () => {
      for (const { method, path, operation } of operationsOf(documentOf(service))) {
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, summary: typeof operation.summary === 'string' && operation.summary.length > 0 }).toEqual({ where, summary: true });
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400 || response === undefined || '$ref' in response) continue;
          expect({ where, status, types: Object.keys(response.content ?? {}) }).toEqual({ where, status, types: ['application/problem+json'] });
        }
      }
    });

    it('should answer a documented scoped operation without a key with the documented 401, so the route exists as documented', async () => {
      for (const { method, path, operation } of operationsOf(documentOf(service)).filter(({ operation }) => typeof operation['x-required-scope'] === 'string')) {
        const response = await fetch(`${system.urlOf(service)}${concretePath(path)}`, {
          method: method.toUpperCase(),
          headers: { 'content-type': 'application/json' },
          ...(method === 'get' || method === 'delete' ? {} : { body: '{}' }),
        });
        const where = `${method.toUpperCase()} ${path}`;
        expect({ where, status: response.status, type: response.headers.get('content-type')?.split(';')[0] }).toEqual({ where, status: 401, type: 'application/problem+json' });
        expect({ where, documents401: Object.keys(operation.responses).includes('401') }).toEqual({ where, documents401: true });
      }
    });

    it('should refuse every scoped operation a wrong key (401) and a key with every scope but its own (403)', async () => {
      const wrongKey = `baton_0123456789abcdef_${'A'.repeat(43)}`;
      for (const { method, path, operation } of operationsOf(documentOf(service)).filter(({ operation }) => typeof operation['x-required-scope'] === 'string')) {
        const scope = operation['x-required-scope'] as ApiScope;
        const underScoped = await system.createApiKey(API_SCOPES.filter((other) => other !== scope));
        const where = `${method.toUpperCase()} ${path}`;
        for (const [key, expected] of [
          [wrongKey, 401],
          [underScoped.key, 403],
        ] as const) {
          const response = await fetch(`${system.urlOf(service)}${concretePath(path)}`, {
            method: method.toUpperCase(),
            headers: system.authorized(key),
            ...(method === 'get' || method === 'delete' ? {} : { body: '{}' }),
          });
          const body = (await response.json()) as { code?: string; requiredScope?: string };
          expect({ where, status: response.status, code: body.code }).toEqual({ where, status: expected, code: expected === 401 ? 'AUTH.INVALID_KEY' : 'AUTH.INSUFFICIENT_SCOPE' });
          if (expected === 403) expect({ where, requiredScope: body.requiredScope }).toEqual({ where, requiredScope: scope });
        }
      }
    });
  });

  it('should write to Kafka what the AsyncAPI document promises', async () => {
    const events = await TopicReader.start(requiredBrokers(), ENGAGEMENT_EVENTS_TOPIC);
    const profiles = await TopicReader.start(requiredBrokers(), LEAD_PROFILES_TOPIC);
    try {
      const leadId = uniqueId('lead-docs');
      const event = { eventId: uniqueId('e'), leadId, type: 'page_view', occurredAt: new Date().toISOString(), properties: { url: '/pricing' } };
      expect((await fetch(`${system.ingestUrl}/v1/events`, { method: 'POST', headers: system.authorized(), body: JSON.stringify(event) })).status).toBe(202);
      const profile = { traits: { email: 'ada@example.com', company: { employees: 250 }, bant: { budget: true } } };
      expect((await fetch(`${system.ingestUrl}/v1/leads/${leadId}/profile`, { method: 'PUT', headers: system.authorized(), body: JSON.stringify(profile) })).status).toBe(202);
      await events.waitForKey(leadId);
      await profiles.waitForKey(leadId);
      for (const [topic, reader] of [
        [ENGAGEMENT_EVENTS_TOPIC, events],
        [LEAD_PROFILES_TOPIC, profiles],
      ] as const) {
        const message = reader.messages.find((candidate) => candidate.key === leadId);
        expect(message).toBeDefined();
        if (message !== undefined) assertMatchesAsyncApi(topic, message.value, message.key);
      }
    } finally {
      await events.stop();
      await profiles.stop();
    }
  });
});

function requiredBrokers(): string {
  const brokers = process.env['KAFKA_BROKERS'];
  if (brokers === undefined || brokers === '') throw new Error('KAFKA_BROKERS is not set: source /tmp/infra.env or run scripts/infra.sh up');
  return brokers;
}
