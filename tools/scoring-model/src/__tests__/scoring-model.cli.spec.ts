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

  it('should print the definitions document with the MQL rule', () => {
    const result = runScoringModelCli(['doc', DEFAULT_MODEL, '--mql-threshold', '50']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^# /);
    expect(result.stdout).toMatch(/50/);
    expect(result.stdout).toMatch(/pricing/i);
  });

  it('should explain its usage when called wrongly', () => {
    expect(runScoringModelCli(['frobnicate'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/^usage:/) });
    expect(runScoringModelCli(['doc', '--mql-threshold', 'many'])).toMatchObject({ exitCode: 2 });
  });
});
