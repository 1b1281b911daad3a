export { SCORE_CHANGES_TOPIC } from './score-changed.topic';
export { ScoreChangedV1 } from './score-changed.value';
