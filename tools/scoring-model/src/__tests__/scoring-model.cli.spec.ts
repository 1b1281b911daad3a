import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runScoringModelCli } from '../scoring-model.cli';

const DEFAULT_MODEL = resolve(__dirname, '../../../../libs/domain/scoring/models/b2b-default.yaml');

describe('scoring-model command', () => {
  it('should accept the bundled default model', () => {
    const result = runScoringModelCli(['check']);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toMatch(/valid scoring model \S+ \(\d+ engagement rules, 4 intent classes, \d+ fit rules\)/);
  });

  it('should name the path and line of every problem in an invalid file and exit 1', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'baton-cli-')), 'model.yaml');
    writeFileSync(file, readFileSync(DEFAULT_MODEL, 'utf8').replace(/^(\s+points:) 40 /m, '$1 forty '));
    const result = runScoringModelCli(['check', file]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/engagement\.rules\[\d+\]\.points \(line \d+\)/);
  });

  it('should print the definitions document with the stages of the model file', () => {
    const result = runScoringModelCli(['doc', DEFAULT_MODEL]);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout).toMatch(/^# Lead scoring definitions: model b2b-default-\d+\n/);
    expect(result.stdout).toMatch(/pricing/i);
    expect(result.stdout).toContain('## Stages and what moves a lead');
    expect(result.stdout).toContain('engagement of at least 50 and any fit grade (the lowest too, because');
    expect(result.stdout).toContain('3 of 4 BANT criteria known and satisfied');
    expect(result.stdout).toMatch(/- \*\*Disqualify\*\*[^]*`competitor`[^]*`hard_bounce`/);
    expect(runScoringModelCli(['doc']).stdout).toBe(result.stdout);
  });

  it('should explain its usage when called wrongly', () => {
    expect(runScoringModelCli(['frobnicate'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^usage:/) });
    // The MQL rule now lives in the model file (stages.mql): the old option is refused, not ignored.
    expect(runScoringModelCli(['doc', '--mql-threshold', '50'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^usage:/) });
    expect(runScoringModelCli(['doc', DEFAULT_MODEL, '--mql-threshold'])).toMatchObject({ exitCode: 2 });
    expect(runScoringModelCli(['check', DEFAULT_MODEL, DEFAULT_MODEL])).toMatchObject({ exitCode: 2 });
  });
});
