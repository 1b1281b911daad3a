import 'reflect-metadata';

export * from './lib/alert-sent';
export * from './lib/dead-letter/dead-letter';
export * from './lib/dead-letter/dead-letter-headers';
export * from './lib/engagement-event';
export * from './lib/identity-link';
export * from './lib/json-schema';
export * from './lib/lead-key/lead-key';
export * from './lib/lead-profile';
export * from './lib/lead-qualified';
export * from './lib/sales-feedback';
export * from './lib/stage-changed';
export * from './lib/score-changed';
export * from './lib/topic-catalog';
export { ID_PATTERN, isRealTimestamp, TIMESTAMP_WITH_ZONE } from './lib/validation/contract-decorators';
export { prefixViolations, type ContractParseResult, type ContractViolation } from './lib/validation/contract-violation';
export { decodeContract, parseContract, type ParseContractOptions } from './lib/validation/parse-contract';
