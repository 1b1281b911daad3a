import { setTimeout as sleep } from 'node:timers/promises';
import type { EngagementEventV1 } from '@baton/contracts';
import type { ZipfWorkload } from '@baton/testing';

export interface SteadyLoadOptions {
  readonly eventsPerSecond: number;
  readonly batchSize: number;
  /** Requests in flight at most: when ingest is slow (a broker outage), the sender waits as a real one would. */
  readonly maxInFlight: number;
  /** Share of accepted batches sent a second time, as an at-least-once sender does after a lost answer. */
  readonly resendShare: number;
}

/**
 * An upstream sender at a steady rate: batches of the workload's events to ingest's POST /v1/events. An event
 * is accepted when ingest answers 202; a batch refused or unanswered (503 while the broker is away, 401 while
 * the keys are being recreated, a closed connection while ingest restarts) is sent again, same ids, until
 * accepted. Counts every answer.
 */
export class SteadyLoad {
  readonly accepted = new Map<string, EngagementEventV1>();
  /** Ingest's answers so far, by status: `202`, `503`, `network`. */
  readonly answers = new Map<string, number>();
  private readonly retries: EngagementEventV1[][] = [];
  private inFlight = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly ingestUrl: () => string,
    private readonly apiKey: () => string,
    private readonly workload: ZipfWorkload,
    private readonly options: SteadyLoadOptions,
    private readonly random: () => number,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops making new events, then sends what was refused until ingest accepted all of it. */
  async stop(timeoutMs: number): Promise<void> {
    this.running = false;
    await this.loop;
    const deadline = Date.now() + timeoutMs;
    while (this.retries.length > 0 || this.inFlight > 0) {
      if (Date.now() > deadline) throw new Error(`${this.retries.length} batch(es) still refused by ingest after ${timeoutMs} ms`);
      const batch = this.retries.shift();
      if (batch !== undefined && this.inFlight < this.options.maxInFlight) void this.send(batch);
      else if (batch !== undefined) this.retries.unshift(batch);
      await sleep(50);
    }
  }

  private async run(): Promise<void> {
    const tickMs = 100;
    const perTick = (this.options.eventsPerSecond * tickMs) / 1000;
    let owed = 0;
    while (this.running) {
      const tickStart = Date.now();
      owed += perTick;
      while (owed >= 1 && this.inFlight < this.options.maxInFlight) {
        const retry = this.retries.shift();
        const batch = retry ?? this.workload.events(Math.min(this.options.batchSize, Math.floor(owed)));
        if (retry === undefined) owed -= batch.length;
        void this.send(batch);
      }
      // A sender that cannot keep up does not pile up a debt it would later fire all at once.
      owed = Math.min(owed, this.options.batchSize);
      await sleep(Math.max(0, tickMs - (Date.now() - tickStart)));
    }
  }

  private async send(batch: EngagementEventV1[]): Promise<void> {
    this.inFlight++;
    try {
      const status = await this.post(batch);
      this.answers.set(status, (this.answers.get(status) ?? 0) + 1);
      if (status !== '202') {
        await sleep(250);
        this.retries.push(batch);
        return;
      }
      for (const event of batch) this.accepted.set(event.eventId, event);
      if (this.random() < this.options.resendShare) this.retries.push(batch);
    } finally {
      this.inFlight--;
    }
  }

  private async post(batch: readonly EngagementEventV1[]): Promise<string> {
    try {
      const response = await fetch(`${this.ingestUrl()}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.apiKey()}` },
        body: JSON.stringify({ events: batch }),
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      return String(response.status);
    } catch {
      return 'network';
    }
  }
}
