export { WatchedFile, type ReloadOutcome, type WatchedFileOptions } from './lib/watched-file';
