import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScoringModel, renderModelDefinitions, ScoringModelInvalidError } from '@baton/scoring-model-file';

const DEFAULT_MODEL = resolve(__dirname, '../../../libs/domain/scoring/models/b2b-default.yaml');
const USAGE = `usage: npm run scoring-model -- check [FILE]
       npm run scoring-model -- doc [FILE]
FILE defaults to the bundled B2B model (${DEFAULT_MODEL}). The model file's stages section defines MQL and SQL.`;

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `check` validates a model file and names every problem (path, line, what is wrong); `doc` prints the model,
 * stages included, as the Markdown definitions document that marketing and sales agree on.
 */
export function runScoringModelCli(args: readonly string[]): CliResult {
  const [command, ...files] = args;
  // No options: what makes an MQL or an SQL is in the model file (stages), not on the command line.
  if ((command !== 'check' && command !== 'doc') || files.length > 1 || files.some((file) => file.startsWith('-'))) {
    return { exitCode: 2, stdout: '', stderr: `${USAGE}\n` };
  }
  const file = resolve(files[0] ?? DEFAULT_MODEL);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { exitCode: 1, stdout: '', stderr: `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n` };
  }
  try {
    const model = parseScoringModel(text, file);
    if (command === 'doc') return { exitCode: 0, stdout: renderModelDefinitions(model), stderr: '' };
    const summary = `${file}: valid scoring model ${model.version} (${model.engagement.rules.length} engagement rules, 4 intent classes, ${model.fit.rules.length} fit rules)\n`;
    return { exitCode: 0, stdout: summary, stderr: '' };
  } catch (error) {
    if (error instanceof ScoringModelInvalidError) return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
}

if (require.main === module) {
  const result = runScoringModelCli(process.argv.slice(2));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
