import { Injectable } from '@nestjs/common';
import type { AlertChannel } from '../channels/channel';
import type { QueuedAlert } from './delivery-record';
import { DeliveryStore } from './delivery.store';

/** A claimed delivery is someone's for its timeout and this much more; then another worker may take it. */
const LEASE_MARGIN_MS = 30_000;

/**
 * Leases on due alerts, so that one worker among the instances handles each: a claim moves the alert's due time
 * past the lease (atomically, in Redis), the attempt's outcome then reschedules or removes it, and a worker that
 * dies mid-attempt leaves a lease that runs out. Remembers what this instance holds, so that a poll skips it.
 */
@Injectable()
export class LeaseKeeper {
  private readonly claimedHere = new Set<string>();

  constructor(private readonly store: DeliveryStore) {}

  isClaimedHere(alert: QueuedAlert): boolean {
    return this.claimedHere.has(leaseKey(alert));
  }

  /** Leases the alert for one attempt on the channel: its timeout and the margin. */
  async claimToSend(alert: QueuedAlert, channel: AlertChannel, now: number): Promise<boolean> {
    return this.claim(alert, now, channel.timeoutMs + LEASE_MARGIN_MS);
  }

  /** Leases the alert to dead-letter it without sending. */
  async claimToGiveUp(alert: QueuedAlert, now: number): Promise<boolean> {
    return this.claim(alert, now, LEASE_MARGIN_MS);
  }

  /** This instance is done with the alert; its lease in Redis ends with the outcome recorded, or runs out. */
  release(alert: QueuedAlert): void {
    this.claimedHere.delete(leaseKey(alert));
  }

  private async claim(alert: QueuedAlert, now: number, leaseMs: number): Promise<boolean> {
    const claimed = await this.store.claim(alert.leadId, alert.alertId, now, leaseMs);
    if (claimed) this.claimedHere.add(leaseKey(alert));
    return claimed;
  }
}

function leaseKey(alert: QueuedAlert): string {
  return `${alert.leadId}|${alert.alertId}`;
}
