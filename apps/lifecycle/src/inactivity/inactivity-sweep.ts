import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LifecycleEnv } from '@baton/config';
import { decideOnInactivity, idleCutoff, idleSince, inactivityCauseKey, isRecyclable, type Stage } from '@baton/lifecycle-domain';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { newMessageTrace, runWithTrace } from '@baton/telemetry';
import { LeadLifecycleStore } from '../lead-state/lead-lifecycle.store';
import { LeadTransitions } from '../lead-state/lead-transitions';

const PAGE = 200;
const MAX_PAGES = 50;

/**
 * Recycles contacts, MQLs and SQLs that went quiet: every interval, the leads idle (since their latest activity, or
 * since they entered their stage when that came later) for longer than the model's `stages.recycle.inactiveDays` are
 * checked and moved. Several instances may
 * sweep at once: the commit refuses a second transition for the same inactivity.
 */
@Injectable()
export class InactivitySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(InactivitySweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly config: LifecycleEnv,
    private readonly models: ScoringModelHolder,
    private readonly store: LeadLifecycleStore,
    private readonly transitions: LeadTransitions,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.LIFECYCLE_INACTIVITY_SWEEP_MS === 0) return;
    this.timer = setInterval(() => {
      if (this.running !== undefined) return;
      this.running = this.sweep()
        .catch((error: unknown) => {
          this.logger.warn(`inactivity sweep failed, retried next time: ${error instanceof Error ? error.message : String(error)}`);
          return 0;
        })
        .finally(() => {
          this.running = undefined;
        });
    }, this.config.LIFECYCLE_INACTIVITY_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over at most MAX_PAGES pages of quiet leads; returns how many it recycled. */
  async sweep(now = new Date()): Promise<number> {
    const before = idleCutoff(now.toISOString(), this.models.current.stages);
    let recycled = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const leadIds = await this.store.inactiveSince(before, PAGE);
      // Each recycling is its own piece of work, with its own correlation id, in the logs and on the event.
      for (const leadId of leadIds) if (await runWithTrace(newMessageTrace(), () => this.recycle(leadId, now))) recycled++;
      if (leadIds.length < PAGE) break;
    }
    return recycled;
  }

  private async recycle(leadId: string, now: Date): Promise<boolean> {
    const rules = this.models.current.stages;
    // One check per idle spell: a second pass, or another instance, finds the cause applied.
    const causeKey = inactivityCauseKey(idleSince((await this.store.read(leadId)).lifecycle));
    const applied = await this.transitions.applyOnce<{ moved: false } | { moved: true; to: Stage }>(leadId, causeKey, (lead) => {
      const decision = decideOnInactivity(lead.lifecycle, now.toISOString(), rules);
      if (decision.kind === 'stay') return { result: { moved: false } };
      return {
        result: { moved: true, to: decision.to },
        transition: { to: decision.to, rule: decision.rule, reason: decision.reason, modelVersion: this.models.current.version, at: now.toISOString() },
      };
    });
    const { lead, decided } = applied;
    // A lead that can still go quiet stays indexed (its activity may have just moved); others leave the index.
    if (decided?.moved !== false || !isRecyclable(lead.lifecycle.stage)) await this.store.forgetActivity(leadId);
    if (decided?.moved !== true) return false;
    this.logger.log(`lead ${leadId} ${lead.lifecycle.stage} -> ${decided.to} (idle since ${idleSince(lead.lifecycle)})`);
    return true;
  }
}
