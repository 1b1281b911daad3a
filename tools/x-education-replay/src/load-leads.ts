import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ScoringModel } from '@baton/scoring-domain';
import { parseScoringModel } from '@baton/scoring-model-file';
import { csvRecords } from './csv.parser';
import { toXEducationLead, type XEducationLead } from './x-education-lead';

export const WORKSPACE_ROOT = resolve(__dirname, '../../..');
export const DEFAULT_DATASET = process.env['X_EDUCATION_CSV'] ?? '/work/shared/datasets/x-education/leads.csv';
/** The models shipped beside each other; anything else is a path. */
export const NAMED_MODELS: Readonly<Record<string, string>> = {
  'b2c-courses': resolve(WORKSPACE_ROOT, 'libs/domain/scoring/models/b2c-courses.yaml'),
  'b2b-default': resolve(WORKSPACE_ROOT, 'libs/domain/scoring/models/b2b-default.yaml'),
};

export function readLeads(file = DEFAULT_DATASET, limit?: number): XEducationLead[] {
  const leads = csvRecords(readFileSync(file, 'utf8')).map(toXEducationLead);
  return limit === undefined ? leads : leads.slice(0, limit);
}

/** A model by name (b2c-courses, b2b-default) or path, with the absolute path the services are given. */
export function loadModel(nameOrPath: string): { readonly file: string; readonly model: ScoringModel } {
  const file = NAMED_MODELS[nameOrPath] ?? resolve(nameOrPath);
  return { file, model: parseScoringModel(readFileSync(file, 'utf8'), file) };
}
