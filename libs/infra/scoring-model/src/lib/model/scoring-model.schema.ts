import { CONDITION_SCHEMA } from '@baton/condition-file';
import schema from '../../../scoring-model.schema.json';

/**
 * scoring-model.schema.json as ajv checks it: the file refers to the condition language's own schema
 * (`definitions.condition`, a file editors follow), put in its place here so that ajv needs no resolver.
 */
export const SCORING_MODEL_SCHEMA = { ...schema, definitions: { ...schema.definitions, condition: CONDITION_SCHEMA } };
