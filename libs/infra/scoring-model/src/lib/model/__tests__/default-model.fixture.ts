import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shipped default model file, as text (the lib itself does no I/O; tests may). */
export const DEFAULT_MODEL_TEXT = readFileSync(join(__dirname, '../../../../../../domain/scoring/models/b2b-default.yaml'), 'utf8');
