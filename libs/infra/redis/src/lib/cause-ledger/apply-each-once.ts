import { appliedBefore, type LogPosition } from './applied-offsets';
import type { CauseRecord } from './cause-record';
import type { CommitResult } from './cause-ledger';

/** A lead as its store read it, with what the ledger knows of the causes asked about. */
export interface LedgerView {
  readonly version: number;
  /** Highest offset applied per `<topic>:<partition>` (appliedOffsetsOf). */
  readonly appliedOffsets: ReadonlyMap<string, bigint>;
  readonly records: ReadonlyMap<string, CauseRecord>;
}

/** A cause of a slice: its key in the ledger, where it sits in the log (a cause from HTTP has no place), and what it is. */
export interface SliceCause<C> {
  readonly causeKey: string;
  readonly position?: LogPosition;
  readonly cause: C;
}

/** What the causes that were new decided, and how to commit it (nothing to commit: nothing changes). */
export interface Decision<R> {
  readonly result: R;
  readonly commit?: () => Promise<CommitResult>;
}

export interface AppliedSlice<C, V, R> {
  /** The lead as read by the attempt that committed (or found nothing new). */
  readonly view: V;
  /** Causes committed before whose messages were not published: to publish again, as stored. */
  readonly unpublished: readonly (SliceCause<C> & { readonly payload: string })[];
  /** Absent when every cause was applied before. */
  readonly decided?: R;
}

export const MAX_COMMIT_ATTEMPTS = 10;

export class LeadStateContendedError extends Error {
  constructor(leadId: string) {
    super(`lead ${leadId}: its state kept changing under ${MAX_COMMIT_ATTEMPTS} attempts to commit`);
    this.name = 'LeadStateContendedError';
  }
}

/**
 * Applies a slice of one lead's causes, each exactly once, as every store does: reads the lead and the records of the
 * slice's causes; a cause with a record, or at or below its partition's applied offset, was applied before (its
 * messages come back if they were stored but not published, so a crash at any point loses none); the new ones go to
 * `decide` in log order, each once, and its commit refuses if the lead moved meanwhile: then all is read and decided
 * again, so two writers never apply a cause twice.
 */
export async function applyEachOnce<C, V extends LedgerView, R>(
  leadId: string,
  causes: readonly SliceCause<C>[],
  read: (causeKeys: readonly string[]) => Promise<V>,
  decide: (view: V, fresh: readonly SliceCause<C>[]) => Promise<Decision<R>> | Decision<R>,
): Promise<AppliedSlice<C, V, R>> {
  const causeKeys = [...new Set(causes.map((cause) => cause.causeKey))];
  for (let attempt = 1; attempt <= MAX_COMMIT_ATTEMPTS; attempt++) {
    const view = await read(causeKeys);
    const { fresh, unpublished } = sortOut(view, causes);
    if (fresh.length === 0) return { view, unpublished };
    const decision = await decide(view, fresh);
    if (decision.commit === undefined || (await decision.commit()) === 'committed') return { view, unpublished, decided: decision.result };
  }
  throw new LeadStateContendedError(leadId);
}

function sortOut<C>(view: LedgerView, causes: readonly SliceCause<C>[]): { fresh: SliceCause<C>[]; unpublished: (SliceCause<C> & { payload: string })[] } {
  const fresh: SliceCause<C>[] = [];
  const unpublished: (SliceCause<C> & { payload: string })[] = [];
  const handled = new Set<string>();
  for (const cause of causes) {
    if (handled.has(cause.causeKey)) continue;
    handled.add(cause.causeKey);
    const record = view.records.get(cause.causeKey);
    if (record !== undefined) {
      if (!record.published) unpublished.push({ ...cause, payload: record.payload });
    } else if (cause.position === undefined || !appliedBefore(view.appliedOffsets, cause.position)) {
      fresh.push(cause);
    }
  }
  return { fresh, unpublished };
}
