export { ModelFileUnreadableError, resolveModelPath, ScoringModelHolder, type ModelFileOptions } from './lib/scoring-model.holder';
export { WatchedFile, type ReloadOutcome, type WatchedFileOptions } from './lib/watched-file';
