import { Injectable, Logger } from '@nestjs/common';
import {
  ANONYMOUS_LEAD_PREFIX,
  encodeLeadKey,
  ENGAGEMENT_EVENTS_TOPIC,
  EngagementEventV1,
  IDENTITY_LINKS_TOPIC,
  LEAD_PROFILES_TOPIC,
  parseContract,
  type ContractViolation,
  type IdentityLinkedV1,
  type LeadProfileUpdatedV1,
} from '@baton/contracts';
import { BatonMetrics } from '@baton/metrics';
import { IdentityLinkStore } from '../identity/identity-link.store';
import { EventLogWriter } from '../kafka/event-log.writer';
import type { IdentityLink, SegmentMessageParseResult, SegmentWork } from './segment-message.types';

/** What happened to one message of the request, by its index. */
export type SegmentItemResult =
  | {
      readonly index: number;
      readonly status: 'stored';
      readonly messageId: string;
      /** The lead it was stored under: the userId, the lead its anonymousId is linked to, or `anon:<anonymousId>`. */
      readonly leadId: string;
      readonly stored: { readonly events: number; readonly profileUpdate: boolean; readonly linkedTo?: string };
      readonly ignoredTraits?: readonly string[];
    }
  | { readonly index: number; readonly status: 'rejected'; readonly errors: readonly ContractViolation[] };

/** Events re-produced under a user, to delete from the anonymous id's buffer once stored. */
interface Drain {
  readonly anonymousId: string;
  readonly count: number;
  readonly events: readonly EngagementEventV1[];
}

/**
 * Stores what a Segment request implies: links first (so that later messages of the same visitor in the request
 * already go to the user), then the lead of each anonymous-only message (buffering it while unknown), then one
 * produce per topic, the linked visitors' earlier events included under the user with their own event ids.
 */
@Injectable()
export class IngestSegmentUseCase {
  private readonly logger = new Logger(IngestSegmentUseCase.name);

  constructor(
    private readonly eventLog: EventLogWriter,
    private readonly identities: IdentityLinkStore,
    private readonly metrics: BatonMetrics,
  ) {}

  /**
   * @throws EventLogUnavailableError when Kafka did not acknowledge (nothing of the request counts as stored).
   * @throws DependencyUnavailableError when Redis cannot be reached (nothing was produced).
   */
  async execute(messages: readonly SegmentMessageParseResult[]): Promise<SegmentItemResult[]> {
    const works = messages.flatMap((message) => (message.ok ? [{ index: message.index, work: message.work }] : []));
    const { conflicts, drains } = await this.link(works.flatMap(({ work }) => work.links));

    const results = new Map<number, SegmentItemResult>();
    for (const message of messages) if (!message.ok) results.set(message.index, { index: message.index, status: 'rejected', errors: message.violations });
    const accepted = works.filter(({ index, work }) => {
      const errors = work.links.flatMap((link) => {
        const linkedTo = conflicts.get(pairKey(link));
        return linkedTo === undefined ? [] : [{ path: link.path, message: 'is already linked to another lead: an anonymous id belongs to the first lead it was linked to' }];
      });
      if (errors.length > 0) results.set(index, { index, status: 'rejected', errors });
      return errors.length === 0;
    });

    const { leads, buffered } = await this.resolveAnonymous(accepted.map(({ work }) => work));
    const stored = accepted.map(({ index, work }) => ({ index, work, leadId: leads.get(work) ?? work.subject.leadId }));
    const events = stored.flatMap(({ work, leadId }) => work.events.map((event) => withLead(event, leadId)));
    const updates = stored.flatMap(({ work, leadId }) => (work.profileUpdate === undefined ? [] : [{ ...work.profileUpdate, leadId } as LeadProfileUpdatedV1]));
    const replayed = drains.flatMap((drain) => drain.events);
    const linked = stored.flatMap(({ work }) => work.links.map((link) => linkFact(work, link)));

    try {
      // The links first: they are facts of the log like the events (ingest's Redis state is rebuilt from both).
      if (linked.length > 0)
        await this.eventLog.write(
          IDENTITY_LINKS_TOPIC,
          linked.map((fact) => ({ key: encodeLeadKey(fact.anonymousLeadId), value: JSON.stringify(fact) })),
        );
      if (events.length + replayed.length > 0) await this.eventLog.write(ENGAGEMENT_EVENTS_TOPIC, [...events, ...replayed].map(toMessage));
      if (updates.length > 0) await this.eventLog.write(LEAD_PROFILES_TOPIC, updates.map(toMessage));
    } catch (error) {
      await this.takeBack(buffered);
      throw error;
    }
    await this.deleteDrained(drains);

    for (const { index, work, leadId } of stored) {
      const linkedTo = work.links[0]?.userId;
      results.set(index, {
        index,
        status: 'stored',
        messageId: work.messageId,
        leadId,
        stored: { events: work.events.length, profileUpdate: work.profileUpdate !== undefined, ...(linkedTo === undefined ? {} : { linkedTo }) },
        ...(work.ignoredTraits.length > 0 ? { ignoredTraits: work.ignoredTraits } : {}),
      });
    }
    // What the callers sent: events re-produced under a user after a link were counted when first stored.
    for (const event of events) this.metrics.eventsIngested.inc({ type: event.type });
    this.metrics.profileUpdatesIngested.inc(updates.length);
    this.logger.debug(
      `segment request: ${stored.length} stored, ${results.size - stored.length} rejected, ${events.length} event(s), ${updates.length} profile update(s), ${replayed.length} re-produced after links`,
    );
    return messages.map((message) => results.get(message.index)).filter((result): result is SegmentItemResult => result !== undefined);
  }

  /**
   * Each distinct pair once, in request order per anonymous id (its first user wins, as in Redis); different
   * anonymous ids concurrently, which ioredis pipelines on its one connection.
   */
  private async link(links: readonly IdentityLink[]): Promise<{ conflicts: Map<string, string>; drains: Drain[] }> {
    const byAnonymousId = new Map<string, string[]>();
    for (const { anonymousId, userId } of links) {
      const users = byAnonymousId.get(anonymousId) ?? [];
      if (!users.includes(userId)) users.push(userId);
      byAnonymousId.set(anonymousId, users);
    }
    const conflicts = new Map<string, string>();
    const drains: Drain[] = [];
    await Promise.all(
      [...byAnonymousId].map(async ([anonymousId, users]) => {
        for (const userId of users) {
          const outcome = await this.identities.link(anonymousId, userId);
          if (outcome.kind === 'conflict') {
            conflicts.set(pairKey({ anonymousId, userId }), outcome.linkedTo);
            this.logger.warn(`anonymous id ${anonymousId} is linked to ${outcome.linkedTo}; refused linking it to ${userId}`);
          } else if (outcome.buffered.length > 0) {
            drains.push({ anonymousId, count: outcome.buffered.length, events: replayUnder(outcome.buffered, userId) });
          }
        }
      }),
    );
    return { conflicts, drains };
  }

  /** One bufferOrResolve per anonymous id: its events are buffered together, or all go to its lead. */
  private async resolveAnonymous(works: readonly SegmentWork[]): Promise<{ leads: Map<SegmentWork, string>; buffered: Map<string, string[]> }> {
    const byAnonymousId = new Map<string, SegmentWork[]>();
    for (const work of works) {
      if (work.subject.kind !== 'anonymous') continue;
      byAnonymousId.set(work.subject.anonymousId, [...(byAnonymousId.get(work.subject.anonymousId) ?? []), work]);
    }
    const leads = new Map<SegmentWork, string>();
    const buffered = new Map<string, string[]>();
    await Promise.all(
      [...byAnonymousId].map(async ([anonymousId, group]) => {
        const json = group.flatMap((work) => work.events.map((event) => JSON.stringify(event)));
        const lead = await this.identities.bufferOrResolve(anonymousId, json);
        if (lead === undefined) buffered.set(anonymousId, json);
        else for (const work of group) leads.set(work, lead);
      }),
    );
    return { leads, buffered };
  }

  /** Kafka refused: the buffered events were not stored either, so they must not be replayed by a later link. */
  private async takeBack(buffered: ReadonlyMap<string, readonly string[]>): Promise<void> {
    await Promise.all(
      [...buffered].map(([anonymousId, json]) =>
        this.identities.unbuffer(anonymousId, json).catch((error: unknown) => this.logger.warn(`could not take back ${json.length} buffered event(s) of ${anonymousId}: ${String(error)}`)),
      ),
    );
  }

  /** Stored under the user: delete them. A failure only means they are produced again on the next link. */
  private async deleteDrained(drains: readonly Drain[]): Promise<void> {
    await Promise.all(
      drains.map((drain) =>
        this.identities
          .drain(drain.anonymousId, drain.count)
          .catch((error: unknown) => this.logger.warn(`could not delete ${drain.count} re-produced event(s) of ${drain.anonymousId}: ${String(error)}`)),
      ),
    );
  }
}

function linkFact(work: SegmentWork, link: IdentityLink): IdentityLinkedV1 {
  const source = work.call === 'identify' || work.call === 'alias' ? work.call : 'call';
  return { linkId: work.messageId, anonymousLeadId: `${ANONYMOUS_LEAD_PREFIX}${link.anonymousId}`, leadId: link.userId, source, linkedAt: work.occurredAt };
}

function pairKey(link: Pick<IdentityLink, 'anonymousId' | 'userId'>): string {
  return `${link.anonymousId}\n${link.userId}`;
}

function withLead(event: EngagementEventV1, leadId: string): EngagementEventV1 {
  return event.leadId === leadId ? event : ({ ...event, leadId } as EngagementEventV1);
}

/** Buffered JSON as events of the user; an entry that is not a valid event (never written by us) is skipped. */
function replayUnder(buffered: readonly string[], userId: string): EngagementEventV1[] {
  return buffered.flatMap((json) => {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      return [];
    }
    const parsed = parseContract(EngagementEventV1, raw);
    return parsed.ok ? [withLead(parsed.value, userId)] : [];
  });
}

function toMessage(value: EngagementEventV1 | LeadProfileUpdatedV1): { key: Buffer; value: string } {
  return { key: encodeLeadKey(value.leadId), value: JSON.stringify(value) };
}
