export const SCORE_CHANGES_TOPIC = 'baton.score-changes.v1';
