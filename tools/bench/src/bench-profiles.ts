import type { BenchOptions } from './benchmarks';

/** The figures the README reports: big enough for steady state on a 2-core machine. */
export const FULL: Omit<BenchOptions, 'brokers' | 'redisUrl'> = {
  events: 200_000,
  leads: 20_000,
  ingestSeconds: 15,
  sustainedEventsPerSecond: 20_000,
  sustainedSeconds: 20,
  // Below capacity first, so that its figures are not those of the backlog the target's load leaves.
  latencyEventsPerSecond: [200, 1000],
  latencySeconds: 20,
  partitions: 6,
  peer: true,
};
/** CI's smoke run: a few thousand events, to check that every part runs and counts right. */
export const QUICK: Omit<BenchOptions, 'brokers' | 'redisUrl'> = {
  events: 3000,
  leads: 300,
  ingestSeconds: 2,
  sustainedEventsPerSecond: 500,
  sustainedSeconds: 2,
  latencyEventsPerSecond: [200],
  latencySeconds: 3,
  partitions: 6,
  peer: false,
};
