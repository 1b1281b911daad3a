import { Injectable } from '@nestjs/common';
import { applyEachOnce } from '@baton/redis';
import { LeadLifecycleStore } from './lead-lifecycle.store';
import { LifecycleOutboxPublisher } from './lifecycle-outbox.publisher';
import { outboxOf, type CommittedCause, type LeadRecord } from './lead-record';
import { planTransition, type Transition } from './plan-transition';

/** What one cause decided about a lead: a result for the caller and, when the lead moves, the transition. */
export interface CauseDecision<R> {
  readonly result: R;
  readonly transition?: Omit<Transition, 'lead' | 'causeKey'>;
  /** Fields set beside the transition's. */
  readonly state?: Readonly<Record<string, string>>;
}

export interface AppliedCause<R> {
  /** The lead the decision was taken on. */
  readonly lead: LeadRecord;
  /** Absent when the cause was applied before (its messages then published again if they were not). */
  readonly decided?: R;
}

/**
 * A cause that may move a lead on its own (sales feedback, an inactivity check), applied once: the lead read with the
 * cause's record, the decision taken, the transition committed with its LeadStageChanged, which is then published.
 */
@Injectable()
export class LeadTransitions {
  constructor(
    private readonly store: LeadLifecycleStore,
    private readonly outbox: LifecycleOutboxPublisher,
  ) {}

  async applyOnce<R>(leadId: string, causeKey: string, decide: (lead: LeadRecord) => CauseDecision<R>): Promise<AppliedCause<R>> {
    const applied = await applyEachOnce<undefined, LeadRecord, { decision: CauseDecision<R>; cause?: CommittedCause }>(
      leadId,
      [{ causeKey, cause: undefined }],
      (causeKeys) => this.store.read(leadId, causeKeys),
      (lead) => {
        const decision = decide(lead);
        if (decision.transition === undefined) return { result: { decision } };
        const planned = planTransition({ ...decision.transition, lead, causeKey });
        const cause = { causeKey, outbox: [planned.stageChanged] };
        return {
          result: { decision, cause },
          commit: () => this.store.commit({ leadId, version: lead.version, causes: [cause], state: { ...planned.state, ...decision.state }, history: [planned.historyEntry], journey: [] }),
        };
      },
    );
    const moved = applied.decided?.cause;
    await this.outbox.deliver([...applied.unpublished.map(({ payload }) => ({ leadId, causeKey, outbox: outboxOf(payload) })), ...(moved === undefined ? [] : [{ leadId, ...moved }])]);
    return { lead: applied.view, ...(applied.decided === undefined ? {} : { decided: applied.decided.decision.result }) };
  }
}
