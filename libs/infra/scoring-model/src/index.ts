export { ModelFileUnreadableError, resolveModelPath, ScoringModelHolder, type ModelFileOptions } from './lib/scoring-model.holder';
export { parseScoringModel } from './lib/model/parse-scoring-model';
export { ScoringModelInvalidError, type ModelProblem } from './lib/model/scoring-model-invalid.error';
export { renderModelDefinitions } from './lib/model/render-model-definitions';
export type { CapFile, DecayFile, DisqualifyRuleFile, EngagementRuleFile, FitRuleFile, IntentClassFile, IntentFile, ScoringModelFile, StagesFile } from './lib/model/scoring-model-file';
