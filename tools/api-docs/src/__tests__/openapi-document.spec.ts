import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Body, Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiOperation, ApiTags, type OpenAPIObject } from '@nestjs/swagger';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { ApiContractBody, ApiProblemResponses, contractBodySchema, HealthController, HealthModule, PROBLEM_RESPONSES, READINESS_CHECKS, setupApiDocs } from '@baton/service-runtime';

@ApiTags('events')
@Controller('v1')
class ExampleController {
  @Post('events')
  @HttpCode(202)
  @ApiOperation({ summary: 'Store events' })
  @ApiContractBody('EngagementEventV1', { batch: true, maxItems: 500 })
  @ApiProblemResponses(400, 401, 403, 413, 429, 503)
  store(@Body() body: unknown): unknown {
    return body;
  }

  @Get('leads/:leadId')
  @ApiOperation({ summary: 'Read a lead' })
  @ApiProblemResponses(401, [404, 'lifecycle has never had a score change for this lead'])
  read(@Param('leadId') leadId: string): { leadId: string } {
    return { leadId };
  }
}

@Module({ imports: [HealthModule], controllers: [ExampleController, HealthController], providers: [{ provide: READINESS_CHECKS, useValue: [] }] })
class ExampleModule {}

function operation(document: OpenAPIObject, path: string, method: 'get' | 'post'): NonNullable<OpenAPIObject['paths'][string]['get']> {
  const found = document.paths[path]?.[method];
  if (found === undefined) throw new Error(`no ${method} ${path}`);
  return found;
}

describe('setupApiDocs', () => {
  let app: NestExpressApplication;
  let document: OpenAPIObject;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(ExampleModule, { logger: false });
    document = setupApiDocs(app, { service: 'ingest' });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  it('should serve a valid OpenAPI document', async () => {
    const served = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    // Validated as a file: the parser takes a path or its own document type, not Nest's.
    const file = join(mkdtempSync(join(tmpdir(), 'baton-openapi-')), 'openapi.json');
    writeFileSync(file, served.text);
    await expect(SwaggerParser.validate(file)).resolves.toBeDefined();
    expect(document.info.title).toBe('Baton ingest API');
  });

  it('should serve the document at /openapi.json and Swagger UI at /docs', async () => {
    const json = await request(app.getHttpServer()).get('/openapi.json').expect(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.body).toEqual(JSON.parse(JSON.stringify(document)));
    const ui = await request(app.getHttpServer()).get('/docs').expect(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.text).toContain('swagger-ui');
    const init = await request(app.getHttpServer()).get('/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"Baton ingest API"');
  });

  it('should declare the three ways to send an API key', () => {
    expect(document.components?.securitySchemes).toEqual({
      apiKey: expect.objectContaining({ type: 'http', scheme: 'bearer', description: expect.stringContaining('npm run api-keys -- create') }),
      apiKeyHeader: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-Key' }),
      basic: expect.objectContaining({ type: 'http', scheme: 'basic' }),
    });
  });

  it('should hold every contract schema, closed, and the Problem schema', () => {
    const schemas = document.components?.schemas ?? {};
    expect(Object.keys(schemas)).toEqual(expect.arrayContaining(['EngagementEventV1', 'LeadProfileUpdatedV1', 'ProfileTraitsV1', 'SalesFeedbackV1', 'LeadQualifiedV1', 'Problem']));
    expect(schemas['EngagementEventV1']).toMatchObject({ additionalProperties: false, required: ['eventId', 'leadId', 'type', 'occurredAt'] });
    expect(schemas['Problem']).toMatchObject({ required: ['type', 'title', 'status', 'detail', 'code'], properties: { errors: { type: 'array' } } });
  });

  it('should describe error responses as problem+json with a sentence each', () => {
    const responses = operation(document, '/v1/events', 'post').responses;
    expect(Object.keys(responses).sort()).toEqual(['400', '401', '403', '413', '429', '503']);
    expect(responses['400']).toEqual({ description: PROBLEM_RESPONSES[400], content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
    expect(responses['503']).toMatchObject({ headers: { 'Retry-After': expect.any(Object) } });
    expect(operation(document, '/v1/leads/{leadId}', 'get').responses['404']).toMatchObject({ description: 'lifecycle has never had a score change for this lead' });
  });

  it('should describe a contract body, single or batched', () => {
    expect(operation(document, '/v1/events', 'post').requestBody).toMatchObject({
      required: true,
      content: {
        'application/json': {
          schema: {
            oneOf: [
              { $ref: '#/components/schemas/EngagementEventV1' },
              { type: 'object', required: ['events'], properties: { events: { type: 'array', minItems: 1, maxItems: 500, items: { $ref: '#/components/schemas/EngagementEventV1' } } } },
            ],
          },
        },
      },
    });
  });

  it('should derive a body from a contract the service completes itself', () => {
    const body = contractBodySchema('SalesFeedbackV1', { omit: ['leadId'], optional: ['feedbackId', 'givenAt'] });
    expect(Object.keys(body.properties ?? {}).sort()).toEqual(['by', 'feedbackId', 'givenAt', 'outcome', 'reason']);
    expect(body.required).toEqual(['outcome', 'by']);
    expect(body).toMatchObject({ additionalProperties: false, description: 'A SalesFeedbackV1 without leadId; feedbackId and givenAt optional.' });
    expect(() => contractBodySchema('SalesFeedbackV1', { omit: ['lead'] })).toThrow(/no field lead/);
  });

  it('should refuse a body that names no contract, at decoration', () => {
    expect(() => ApiContractBody('EngagementEvent')).toThrow(/not a contract class/);
  });
});
