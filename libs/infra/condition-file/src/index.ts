export { conditionFindings, operatorFindings } from './lib/condition-findings';
export { toCondition, type ConditionFile } from './lib/condition-file';
export { CONDITION_FIELD_PATTERN, CONDITION_OPERATORS, CONDITION_SCHEMA } from './lib/condition.schema';
