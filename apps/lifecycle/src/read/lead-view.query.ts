import { Injectable } from '@nestjs/common';
import type { JourneyStepV1, RulePointsV1 } from '@baton/contracts';
import { funnelReport, isStage, nextStages, topSignals, type FunnelReport, type LeadFunnelRecord, type NextStages } from '@baton/lifecycle-domain';
import { dayOf, engagementOn, isGrade, trailOfDates, type DatedEngagementTrail } from '@baton/scoring-domain';
import { ScoringModelHolder } from '@baton/scoring-model-file';
import { jsonField } from '../lead-state/lead-record';
import { LeadLifecycleStore } from '../lead-state/lead-lifecycle.store';

const RECENT_SIGNALS = 20;

export interface LeadView {
  readonly leadId: string;
  readonly stage: string;
  readonly since?: string;
  /** As of `asOf` (now): engagement decayed to today under the model in force. */
  readonly scores: LeadScores;
  readonly topSignals: readonly RulePointsV1[];
  readonly fitRules: readonly RulePointsV1[];
  readonly profile: Readonly<Record<string, unknown>>;
  readonly history: readonly Readonly<Record<string, unknown>>[];
  /** The latest steps of the journey, newest first. */
  readonly recentSignals: readonly JourneyStepV1[];
  readonly lastActivityAt?: string;
  /** A path to MQL or SQL the lead met in everything but its fit, while it stays where that left it. */
  readonly heldByFit?: HeldByFit;
  /** Why not yet: for each stage above the lead's, what each path has and needs, under the model in force. */
  readonly nextStages: NextStages;
}

export interface LeadScores {
  readonly score: number;
  readonly engagement: number;
  readonly fit: number;
  readonly grade: string;
  readonly modelVersion?: string;
  readonly asOf: string;
  /** The scores the latest decision was taken on, as of the time its cause entered the log. */
  readonly decided: { readonly score: number; readonly engagement: number; readonly asOf?: string };
}

export interface HeldByFit {
  readonly rule: string;
  readonly grade: string;
  readonly minGrade: string;
  readonly causeId: string;
  readonly at: string;
}

/** The read side: one lead as sales sees it, and the funnel over every lead. */
@Injectable()
export class LeadViewQuery {
  constructor(
    private readonly store: LeadLifecycleStore,
    private readonly models: ScoringModelHolder,
  ) {}

  async lead(leadId: string): Promise<LeadView | undefined> {
    const [lead, history, journey] = await Promise.all([this.store.read(leadId), this.store.history(leadId), this.store.journey(leadId)]);
    if (!lead.known) return undefined;
    const { fields } = lead;
    const now = new Date().toISOString();
    const scores = this.scoresAsOf(fields, now);
    const profile = jsonField<Record<string, unknown>>(fields, 'profile', {});
    const standing = { ...scores, grade: isGrade(scores.grade) ? scores.grade : 'D', profile };
    return {
      leadId,
      stage: lead.lifecycle.stage,
      since: lead.lifecycle.since,
      scores,
      topSignals: topSignals(jsonField<RulePointsV1[]>(fields, 'engagementRules', [])),
      fitRules: jsonField(fields, 'fitRules', []),
      profile,
      history: history.map((entry) => JSON.parse(entry) as Record<string, unknown>),
      recentSignals: journey
        .map((entry) => JSON.parse(entry) as JourneyStepV1)
        .sort((a, b) => b.at.localeCompare(a.at))
        .slice(0, RECENT_SIGNALS),
      lastActivityAt: lead.lifecycle.lastActivityAt,
      ...heldByFitOf(fields, lead.lifecycle.stage),
      nextStages: nextStages(lead.lifecycle, standing, this.models.current.stages, now),
    };
  }

  /**
   * Engagement goes on decaying after the latest decision: projected to `now` from the trail scoring published, with
   * the decay of the model in force. A lead scored before trails were published shows the decided scores.
   */
  private scoresAsOf(fields: Readonly<Record<string, string>>, now: string): LeadScores {
    const decided = { score: Number(fields['score'] ?? 0), engagement: Number(fields['engagement'] ?? 0), ...(fields['scoredAsOf'] ? { asOf: fields['scoredAsOf'] } : {}) };
    const fit = Number(fields['fit'] ?? 0);
    const trail = jsonField<DatedEngagementTrail | undefined>(fields, 'engagementTrail', undefined);
    const today = Math.max(dayOf(now), decided.asOf === undefined ? Number.NEGATIVE_INFINITY : dayOf(decided.asOf));
    const engagement = trail === undefined ? decided.engagement : engagementOn(this.models.current.engagement.decay, trailOfDates(trail), today);
    return { score: engagement + fit, engagement, fit, grade: fields['grade'] ?? 'D', modelVersion: fields['modelVersion'], asOf: now, decided };
  }

  async funnel(from: string, to: string): Promise<FunnelReport> {
    const records: LeadFunnelRecord[] = [];
    for await (const fields of this.store.funnelFields()) {
      if (fields['stage'] === null || fields['stage'] === undefined || !isStage(fields['stage'])) continue;
      const outcome = fields['salesOutcome'];
      records.push({
        stage: fields['stage'],
        mqlAt: fields['mqlAt'] ?? undefined,
        sqlAt: fields['sqlAt'] ?? undefined,
        salesOutcome: outcome === 'accepted' || outcome === 'rejected' ? outcome : undefined,
      });
    }
    return funnelReport(records, from, to);
  }
}

function heldByFitOf(fields: Readonly<Record<string, string>>, stage: string): { heldByFit?: HeldByFit } {
  const { stage: heldAt, ...held } = jsonField<HeldByFit & { stage?: string }>(fields, 'heldByFit', { rule: '', grade: '', minGrade: '', causeId: '', at: '' });
  return held.rule !== '' && heldAt === stage ? { heldByFit: held } : {};
}
