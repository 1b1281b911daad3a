export { ApiContractBody, ApiProblemResponses, contractBodySchema, contractSchemaRef, PROBLEM_RESPONSES, type ContractBodyOptions, type ProblemStatus } from './api-docs.decorators';
export { API_DOCS_PATH, API_SECURITY_SCHEMES, buildOpenApiDocument, OPENAPI_DOCUMENT_PATH, setupApiDocs, type ApiDocsOptions } from './api-docs.setup';
export { PROBLEM_SCHEMA, PROBLEM_SCHEMA_NAME } from './problem.schema';
