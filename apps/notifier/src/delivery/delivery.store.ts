import { Injectable } from '@nestjs/common';
import type { LeadQualifiedV1 } from '@baton/contracts';
import { callRedis, leadKey, LuaScript, RedisConnection } from '@baton/redis';
import { newMessageTrace, type MessageTrace } from '@baton/telemetry';
import type { AlertOwner } from '../channels/channel';
import type { AttemptLogEntry, AttemptOutcome, DeliveryRecord, DeliveryStatus, NewDelivery, QueuedAlert, RestoredDelivery } from './delivery-record';
import { CLAIM_DUE_LUA, CREATE_DELIVERY_LUA, RECORD_ATTEMPT_LUA, RESTORE_DELIVERY_LUA } from './delivery.lua';

export {
  isSendable,
  type AttemptLogEntry,
  type AttemptOutcome,
  type DeliveryRecord,
  type DeliveryStatus,
  type NewDelivery,
  type QueuedAlert,
  type RestoredDelivery,
  type SendableRecord,
} from './delivery-record';

/** Deliveries waiting or leased, by when they are due (ms); members are `<leadId>|<alertId>`. */
const DUE_KEY = 'baton:notifier:due';
/** Dead-lettered deliveries, by when they died. */
const DEAD_KEY = 'baton:notifier:dead';
const RECORD_TTL_SECONDS = 30 * 24 * 3600;

const createDelivery = new LuaScript('create-delivery', CREATE_DELIVERY_LUA);
const claimDue = new LuaScript('claim-due', CLAIM_DUE_LUA);
const recordAttempt = new LuaScript('record-attempt', RECORD_ATTEMPT_LUA);
const restoreDelivery = new LuaScript('restore-delivery', RESTORE_DELIVERY_LUA);

/**
 * Every alert's delivery in Redis: the record and its attempt log under the lead's hash tag, plus two global
 * sorted sets (due, dead) that workers poll. Records are written first and the sets after, so a crash in between
 * leaves an entry that the worker reconciles from the record.
 */
@Injectable()
export class DeliveryStore {
  constructor(private readonly redis: RedisConnection) {}

  /** Creates the delivery unless it exists; returns whether it was new. Due at once either way if not final. */
  async create(record: NewDelivery): Promise<boolean> {
    const fields: Record<string, string> = {
      alertId: record.alertId,
      leadId: record.leadId,
      qualificationId: record.qualification.qualificationId,
      channelId: record.channelId,
      qualification: JSON.stringify(record.qualification),
      status: 'pending',
      attempts: '0',
      createdAt: record.createdAt,
      deadline: String(record.deadline),
      announced: '0',
      trace: JSON.stringify(record.trace),
      ...(record.team === undefined ? {} : { team: record.team }),
      ...(record.owner === undefined ? {} : { owner: JSON.stringify(record.owner) }),
    };
    const created = await callRedis(() =>
      createDelivery.run(this.redis.client, [recordKey(record.leadId, record.alertId), indexKey(record.leadId)], [record.alertId, ...Object.entries(fields).flat()]),
    );
    if (Number(created) === 1) {
      await callRedis(() => this.redis.client.expire(recordKey(record.leadId, record.alertId), RECORD_TTL_SECONDS));
      await callRedis(() => this.redis.client.zadd(DUE_KEY, 'NX', Date.now(), member(record.leadId, record.alertId)));
      return true;
    }
    return false;
  }

  /**
   * Restores a delivered alert's record unless one exists (docs/alerts.md, "Rebuilding alerts"), so that its qualification,
   * consumed again, finds it and adds nothing; returns whether it was restored. It is never due: nothing to send.
   * Kept RECORD_TTL_SECONDS from now, not from its delivery: the replay that needs it comes after the rebuild.
   */
  async restore(delivery: RestoredDelivery): Promise<boolean> {
    const fields: Record<string, string> = {
      alertId: delivery.alertId,
      leadId: delivery.leadId,
      qualificationId: delivery.qualificationId,
      channelId: delivery.channelId,
      status: 'delivered',
      attempts: String(delivery.attempts),
      // When it was queued was never announced: its delivery is the earliest time known.
      createdAt: delivery.deliveredAt,
      deliveredAt: delivery.deliveredAt,
      deadline: '0',
      announced: '1',
      restoredAt: delivery.restoredAt,
      trace: JSON.stringify(delivery.trace),
      ...(delivery.team === undefined ? {} : { team: delivery.team }),
      ...(delivery.ownerId === undefined ? {} : { ownerId: delivery.ownerId }),
    };
    const restored = await callRedis(() =>
      restoreDelivery.run(this.redis.client, [recordKey(delivery.leadId, delivery.alertId), indexKey(delivery.leadId)], [delivery.alertId, RECORD_TTL_SECONDS, ...Object.entries(fields).flat()]),
    );
    return Number(restored) === 1;
  }

  async due(now: number, limit: number): Promise<QueuedAlert[]> {
    const members = await callRedis(() => this.redis.client.zrangebyscore(DUE_KEY, '-inf', now, 'LIMIT', 0, limit));
    return members.map(parseMember);
  }

  async claim(leadId: string, alertId: string, now: number, leaseMs: number): Promise<boolean> {
    return Number(await callRedis(() => claimDue.run(this.redis.client, [DUE_KEY], [member(leadId, alertId), now, now + leaseMs]))) === 1;
  }

  async get(leadId: string, alertId: string): Promise<DeliveryRecord | undefined> {
    const fields = await callRedis(() => this.redis.client.hgetall(recordKey(leadId, alertId)));
    return fields['alertId'] === undefined ? undefined : parseRecord(fields);
  }

  /** Records an attempt and what it changed in the record; false when the record was final already. */
  async recordAttempt(leadId: string, alertId: string, entry: AttemptLogEntry, outcome: AttemptOutcome): Promise<boolean> {
    const fields = Object.entries(outcome).filter((field): field is [string, string] => field[1] !== undefined);
    const reply = await callRedis(() => recordAttempt.run(this.redis.client, [recordKey(leadId, alertId), attemptsKey(leadId, alertId)], [JSON.stringify(entry), ...fields.flat()]));
    await callRedis(() => this.redis.client.expire(attemptsKey(leadId, alertId), RECORD_TTL_SECONDS));
    return Number(reply) >= 0;
  }

  /** Due again at `at` (ms), which also ends a lease on it. */
  async scheduleAt(leadId: string, alertId: string, at: number): Promise<void> {
    await callRedis(() => this.redis.client.zadd(DUE_KEY, at, member(leadId, alertId)));
  }

  /** Nothing more to do for the alert (delivered and announced, dead, or gone): it leaves the due queue. */
  async removeFromQueue(leadId: string, alertId: string): Promise<void> {
    await callRedis(() => this.redis.client.zrem(DUE_KEY, member(leadId, alertId)));
  }

  /** The record says the alert was given up, and why; it stays queued until its dead letter is out (moveToDeadLetters). */
  async recordGivenUp(leadId: string, alertId: string, reason: string): Promise<void> {
    await callRedis(() => this.redis.client.hset(recordKey(leadId, alertId), { status: 'dead', lastResult: reason }));
  }

  async markAnnounced(leadId: string, alertId: string): Promise<void> {
    await callRedis(() => this.redis.client.hset(recordKey(leadId, alertId), 'announced', '1'));
  }

  /** From the due queue to the dead letters, which can be listed and sent again (resend). */
  async moveToDeadLetters(leadId: string, alertId: string): Promise<void> {
    await callRedis(() => this.redis.client.zadd(DEAD_KEY, Date.now(), member(leadId, alertId)));
    await this.removeFromQueue(leadId, alertId);
  }

  async deadLetters(limit = 500): Promise<QueuedAlert[]> {
    return (await callRedis(() => this.redis.client.zrange(DEAD_KEY, 0, limit - 1))).map(parseMember);
  }

  /** Makes a dead delivery due again, with a fresh retry period; the attempt log is kept. */
  async resend(leadId: string, alertId: string, deadline: number): Promise<boolean> {
    const record = await this.get(leadId, alertId);
    if (record === undefined || record.status !== 'dead') return false;
    await callRedis(() => this.redis.client.hset(recordKey(leadId, alertId), 'status', 'retrying', 'deadline', String(deadline)));
    await callRedis(() => this.redis.client.zrem(DEAD_KEY, member(leadId, alertId)));
    await this.scheduleAt(leadId, alertId, Date.now());
    return true;
  }

  async forLead(leadId: string): Promise<{ record: DeliveryRecord; attempts: AttemptLogEntry[] }[]> {
    const alertIds = await callRedis(() => this.redis.client.smembers(indexKey(leadId)));
    const found = await Promise.all(
      alertIds.map(async (alertId) => {
        const record = await this.get(leadId, alertId);
        const attempts = (await callRedis(() => this.redis.client.lrange(attemptsKey(leadId, alertId), 0, -1))).map((entry) => JSON.parse(entry) as AttemptLogEntry);
        return record === undefined ? undefined : { record, attempts };
      }),
    );
    return found
      .filter((entry): entry is { record: DeliveryRecord; attempts: AttemptLogEntry[] } => entry !== undefined)
      .sort((a, b) => a.record.createdAt.localeCompare(b.record.createdAt) || a.record.alertId.localeCompare(b.record.alertId));
  }
}

function member(leadId: string, alertId: string): string {
  return `${leadId}|${alertId}`;
}

function parseMember(value: string): QueuedAlert {
  const separator = value.indexOf('|');
  return { leadId: value.slice(0, separator), alertId: value.slice(separator + 1) };
}

function recordKey(leadId: string, alertId: string): string {
  return leadKey(leadId, 'notifier', 'alert', alertId);
}

function attemptsKey(leadId: string, alertId: string): string {
  return leadKey(leadId, 'notifier', 'alert', alertId, 'attempts');
}

function indexKey(leadId: string): string {
  return leadKey(leadId, 'notifier', 'alerts');
}

function parseRecord(fields: Record<string, string>): DeliveryRecord {
  const qualification = fields['qualification'] ? (JSON.parse(fields['qualification']) as LeadQualifiedV1) : undefined;
  const owner = fields['owner'] ? (JSON.parse(fields['owner']) as AlertOwner) : undefined;
  return {
    alertId: fields['alertId'] as string,
    leadId: fields['leadId'] as string,
    // Records queued before the id had a field of its own carry it in their qualification only.
    qualificationId: fields['qualificationId'] ?? qualification?.qualificationId ?? '',
    channelId: fields['channelId'] as string,
    team: fields['team'],
    owner,
    ownerId: owner?.id ?? fields['ownerId'],
    qualification,
    status: (fields['status'] ?? 'pending') as DeliveryStatus,
    attempts: Number(fields['attempts'] ?? 0),
    createdAt: fields['createdAt'] as string,
    deadline: Number(fields['deadline']),
    deliveredAt: fields['deliveredAt'],
    announced: fields['announced'] === '1',
    lastResult: fields['lastResult'],
    // Records queued before traces were kept have none: they get a fresh correlation id.
    trace: fields['trace'] ? (JSON.parse(fields['trace']) as MessageTrace) : newMessageTrace(),
    restoredAt: fields['restoredAt'],
  };
}
