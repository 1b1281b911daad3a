import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ScoringModel } from '@baton/scoring-domain';
import { WatchedFile, type ReloadOutcome } from '@baton/watched-file';
import { parseScoringModel } from './model/parse-scoring-model';

export interface ModelFileOptions {
  /** SCORING_MODEL_FILE: absolute, or relative to the directory of the service's main.js. */
  readonly file: string;
  /** SCORING_MODEL_RELOAD_INTERVAL_MS: 0 turns the file watch off (SIGHUP still reloads). */
  readonly reloadIntervalMs: number;
}

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
  private readonly file: WatchedFile<ScoringModel>;

  /** Reads and validates the file now: an invalid model stops the service before Nest starts. */
  constructor(options: ModelFileOptions) {
    const path = resolveModelPath(options.file);
    this.path = path;
    this.file = new WatchedFile<ScoringModel>({
      path,
      reloadIntervalMs: options.reloadIntervalMs,
      read: readModelFile,
      parse: (text) => parseScoringModel(text, path),
      // Scores record the version: two different models under one version could not be told apart.
      vet: (next, running) => (next.version === running.version ? `the file changed but its version is still ${next.version}: give the new model a new version` : undefined),
      onLoaded: (next, previous) => this.logger.log(`scoring model ${next.version} loaded from ${path}, replacing ${previous.version}`),
      onRefused: (reason, running) => this.logger.error(`model file refused, ${running.version} stays in force: ${reason}`),
    });
    this.logger.log(`scoring model ${this.file.current.version} loaded from ${path}`);
  }

  get current(): ScoringModel {
    return this.file.current;
  }

  reload(): ReloadOutcome {
    return this.file.reload();
  }

  onApplicationBootstrap(): void {
    this.file.watch();
  }

  onApplicationShutdown(): void {
    this.file.unwatch();
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
