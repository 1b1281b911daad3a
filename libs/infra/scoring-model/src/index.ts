export { ModelFileUnreadableError, resolveModelPath, ScoringModelHolder, type ModelFileOptions, type ReloadOutcome } from './lib/scoring-model.holder';
