import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { patternMatches, type ScoringModel } from '@baton/scoring-domain';
import { parseScoringModel } from '../parse-scoring-model';

describe('the bundled models', () => {
  const modelsDir = join(__dirname, '../../../../../../domain/scoring/models');
  const patternsOf = (model: ScoringModel): string[] =>
    [...model.engagement.rules, ...model.fit.rules, ...model.stages.disqualify].flatMap((rule) => rule.when).flatMap((condition) => (condition.op === 'matches' ? [condition.pattern] : []));

  it.each(['b2b-default.yaml', 'b2c-courses.yaml'])('should load %s, every pattern matching as with JavaScript', (file) => {
    const model = parseScoringModel(readFileSync(join(modelsDir, file), 'utf8'), file);
    const samples = [
      'CEO',
      'Chief Executive',
      'VP Sales',
      'Head of Marketing',
      'Product Manager',
      'student',
      'Intern',
      '/careers',
      '/pricing?plan=pro',
      'jane@hubspot.com',
      'x@salesforce.com.example.org',
      'plain',
    ];
    for (const pattern of patternsOf(model)) {
      for (const value of samples) expect([pattern, value, patternMatches(pattern, value)]).toEqual([pattern, value, new RegExp(pattern, 'i').test(value)]);
    }
  });
});
