import { randomUUID } from 'node:crypto';
import type { EngagementEventV1 } from '@baton/contracts';
import { mulberry32 } from './seeded-random';

// What a B2B site sees most: page views, then e-mail engagement, then the rarer high-intent actions.
const MIX: readonly (readonly [type: string, weight: number])[] = [
  ['page_view', 60],
  ['email_opened', 15],
  ['email_clicked', 8],
  ['search', 6],
  ['content_download', 5],
  ['webinar_registered', 3],
  ['webinar_attended', 2],
  ['demo_requested', 1],
];
const PAGES = ['/', '/pricing', '/docs', '/blog/lead-scoring', '/careers', '/integrations/salesforce'];
const SEARCHES = ['lead scoring software', 'baton vs hubspot', 'buy lead scoring', 'how to improve conversion'];

/**
 * Events over `leads` leads whose activity follows Zipf's law (the k-th busiest lead does 1/k of the busiest's):
 * a few hot leads and a long tail, as real traffic has. Times are spread over the last 30 days.
 */
export class ZipfWorkload {
  private readonly random: () => number;
  private readonly cumulative: number[];
  private readonly totalWeight: number;
  readonly run = randomUUID().slice(0, 8);

  constructor(
    readonly leads: number,
    seed = 7,
    /** Lead ids are `<prefix>-<run>-<index>`. */
    private readonly prefix = 'bench',
  ) {
    this.random = mulberry32(seed);
    this.cumulative = [];
    let sum = 0;
    for (let rank = 1; rank <= leads; rank++) this.cumulative.push((sum += 1 / rank));
    this.totalWeight = sum;
  }

  leadId(index: number): string {
    return `${this.prefix}-${this.run}-${index}`;
  }

  event(now = Date.now()): EngagementEventV1 {
    const leadId = this.leadId(this.zipfIndex());
    const type = this.type();
    const properties = type === 'page_view' ? { url: this.pick(PAGES) } : type === 'search' ? { query: this.pick(SEARCHES) } : undefined;
    return { eventId: randomUUID(), leadId, type, occurredAt: new Date(now - Math.floor(this.random() * 30 * 86_400_000)).toISOString(), ...(properties ? { properties } : {}) };
  }

  events(count: number): EngagementEventV1[] {
    const now = Date.now();
    return Array.from({ length: count }, () => this.event(now));
  }

  private zipfIndex(): number {
    const target = this.random() * this.totalWeight;
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private type(): string {
    let target = this.random() * 100;
    for (const [type, weight] of MIX) if ((target -= weight) < 0) return type;
    return 'page_view';
  }

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)] as T;
  }
}
