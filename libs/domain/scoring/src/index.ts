export { DEFAULT_POINTS_TABLE, type PointsTable } from './lib/points-table';
export { addPoints, pointsFor, scoreEvents, type ScorableEvent, type ScoreUpdate } from './lib/score-events';
