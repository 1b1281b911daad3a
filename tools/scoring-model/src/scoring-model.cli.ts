import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseScoringModel, renderModelDefinitions, ScoringModelInvalidError } from '@baton/scoring-domain';

const DEFAULT_MODEL = resolve(__dirname, '../../../libs/domain/scoring/models/b2b-default.yaml');
const USAGE = `usage: npm run scoring-model -- check [FILE]
       npm run scoring-model -- doc [FILE] [--mql-threshold N]
FILE defaults to the bundled B2B model (${DEFAULT_MODEL}).`;

export interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `check` validates a model file and names every problem (path, line, what is wrong); `doc` prints the model
 * as the Markdown definitions document that marketing and sales agree on.
 */
export function runScoringModelCli(args: readonly string[]): CliResult {
  const [command, ...rest] = args;
  const files: string[] = [];
  let threshold: number | undefined;
  for (let index = 0; index < rest.length; index++) {
    if (rest[index] === '--mql-threshold') threshold = Number(rest[++index]);
    else files.push(rest[index] as string);
  }
  if ((command !== 'check' && command !== 'doc') || files.length > 1 || (threshold !== undefined && !(Number.isInteger(threshold) && threshold > 0))) {
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
    if (command === 'doc') return { exitCode: 0, stdout: renderModelDefinitions(model, { mqlThreshold: threshold }), stderr: '' };
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
