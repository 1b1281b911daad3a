import { unwatchFile, watchFile } from 'node:fs';

export type ReloadOutcome = 'loaded' | 'unchanged' | 'refused';

export interface WatchedFileOptions<T> {
  /** Absolute. */
  readonly path: string;
  /** How often the file's status is polled for a change; 0 turns polling off (SIGHUP still reloads). */
  readonly reloadIntervalMs: number;
  /** The file's text; throws a coded error naming the file when it cannot be read. */
  readonly read: (path: string) => string;
  /** Parses and validates the text; throws, with every problem in its message, to refuse it. */
  readonly parse: (text: string) => T;
  /** Why a valid new content may still not replace the running one (the scoring model's version rule). */
  readonly vet?: (next: T, running: T) => string | undefined;
  /** For the log: a new value is in force. */
  readonly onLoaded: (next: T, previous: T) => void;
  /** For the log: the file was refused, and `running` stays in force. */
  readonly onRefused: (reason: string, running: T) => void;
}

/**
 * A value read from a file that operators edit while the service runs (the scoring model, the notifier's
 * routing). Read and parsed when constructed: an invalid file throws, so the service does not start. Once
 * watching, re-read when the file changes (its status polled, which also sees Kubernetes' ConfigMap symlink
 * swaps, where inotify would not) or on SIGHUP. A file that cannot be read or parsed, or that `vet` refuses,
 * is reported and the running value stays in force.
 */
export class WatchedFile<T> {
  private value: T;
  private text: string;
  private readonly onChange = (): void => {
    this.reload();
  };

  constructor(private readonly options: WatchedFileOptions<T>) {
    this.text = options.read(options.path);
    this.value = options.parse(this.text);
  }

  get current(): T {
    return this.value;
  }

  /** Reads the file again now (what a change of the file and SIGHUP do). */
  reload(): ReloadOutcome {
    let text: string;
    let next: T;
    try {
      text = this.options.read(this.options.path);
      if (text === this.text) return 'unchanged';
      next = this.options.parse(text);
    } catch (error: unknown) {
      this.options.onRefused(error instanceof Error ? error.message : String(error), this.value);
      return 'refused';
    }
    const objection = this.options.vet?.(next, this.value);
    if (objection !== undefined) {
      this.options.onRefused(objection, this.value);
      return 'refused';
    }
    const previous = this.value;
    this.value = next;
    this.text = text;
    this.options.onLoaded(next, previous);
    return 'loaded';
  }

  /** Reloads on SIGHUP and, unless the interval is 0, when the file changes. */
  watch(): void {
    this.unwatch();
    process.on('SIGHUP', this.onChange);
    if (this.options.reloadIntervalMs > 0) watchFile(this.options.path, { interval: this.options.reloadIntervalMs, persistent: false }, this.onChange);
  }

  unwatch(): void {
    process.off('SIGHUP', this.onChange);
    unwatchFile(this.options.path, this.onChange);
  }
}
