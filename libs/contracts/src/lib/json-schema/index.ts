export { CONTRACT_CLASSES, contractJsonSchemas, type ContractJsonSchemaOptions, type JsonSchemaDialect } from './contract-json-schemas';
export { isJsonObject, toJsonValue, type JsonSchema, type JsonValue } from './json-value';
