import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { parseScoringModel, type ScoringModel } from '@baton/scoring-domain';

export interface ModelFileOptions {
  /** SCORING_MODEL_FILE: absolute, or relative to the directory of the service's main.js. */
  readonly file: string;
  /** SCORING_MODEL_RELOAD_INTERVAL_MS: 0 turns the file watch off (SIGHUP still reloads). */
  readonly reloadIntervalMs: number;
}

export type ReloadOutcome = 'loaded' | 'unchanged' | 'refused';

export class ModelFileUnreadableError extends Error {
  readonly code = 'SCORING_MODEL.UNREADABLE';
}

/**
 * The scoring model in force. Loaded at start (an invalid file stops the service with every problem named);
 * reloaded when the file changes (polled, which also sees Kubernetes' ConfigMap symlink swaps) or on SIGHUP.
 * A new version applies from the next message on; an invalid file, or changed content under the same
 * version, is refused and the running model stays.
 */
export class ScoringModelHolder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScoringModelHolder.name);
  readonly path: string;
  private model: ScoringModel;
  private text: string;
  private readonly onSignal = (): void => {
    this.reload();
  };

  /** Reads and validates the file now: an invalid model stops the service before Nest starts. */
  constructor(private readonly options: ModelFileOptions) {
    this.path = resolveModelPath(options.file);
    this.text = readModelFile(this.path);
    this.model = parseScoringModel(this.text, this.path);
    this.logger.log(`scoring model ${this.model.version} loaded from ${this.path}`);
  }

  get current(): ScoringModel {
    return this.model;
  }

  reload(): ReloadOutcome {
    let text: string;
    let model: ScoringModel;
    try {
      text = readModelFile(this.path);
      if (text === this.text) return 'unchanged';
      model = parseScoringModel(text, this.path);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.logger.error(`model file refused, ${this.model.version} stays in force: ${why}`);
      return 'refused';
    }
    if (model.version === this.model.version) {
      this.logger.error(`model file changed but its version is still ${model.version}: refused, give the new model a new version`);
      return 'refused';
    }
    this.logger.log(`scoring model ${model.version} loaded from ${this.path}, replacing ${this.model.version}`);
    this.model = model;
    this.text = text;
    return 'loaded';
  }

  onApplicationBootstrap(): void {
    process.on('SIGHUP', this.onSignal);
    if (this.options.reloadIntervalMs > 0) {
      watchFile(this.path, { interval: this.options.reloadIntervalMs, persistent: false }, this.onSignal);
    }
  }

  onApplicationShutdown(): void {
    process.off('SIGHUP', this.onSignal);
    unwatchFile(this.path, this.onSignal);
  }
}

/** A relative path is the service's own: beside main.js, where the build puts the bundled models. */
export function resolveModelPath(file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(process.argv[1] ?? '.'), file);
}

function readModelFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ModelFileUnreadableError(`cannot read the scoring model file ${path} (SCORING_MODEL_FILE): ${error instanceof Error ? error.message : String(error)}`);
  }
}
