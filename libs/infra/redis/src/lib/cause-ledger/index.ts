export { appliedOffsetsOf, offsetField, type LogPosition } from './applied-offsets';
export { applyEachOnce, LeadStateContendedError, MAX_COMMIT_ATTEMPTS, type AppliedSlice, type Decision, type LedgerView, type SliceCause } from './apply-each-once';
export { CauseLedger, type CommitResult, type LedgerCommit } from './cause-ledger';
export type { CauseRecord } from './cause-record';
