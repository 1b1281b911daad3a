/**
 * The cost of decoding one consumed message, the decorators' way (parseContract, as decodeContract did before the
 * compiled check) and decodeContract's: a measurement, not a test. Run from the repository root:
 *   TS_NODE_PROJECT=libs/contracts/tsconfig.json TS_NODE_TRANSPILE_ONLY=1 \
 *     node -r ts-node/register -r tsconfig-paths/register libs/contracts/src/lib/validation/decode-contract.bench.ts
 */
import 'reflect-metadata';
import { EngagementEventV1 } from '../engagement-event';
import { ScoreChangedV1 } from '../score-changed';
import { decodeContract, parseContract } from './parse-contract';

const DECODES = 100_000;

const engagementEvent = {
  eventId: 'evt-00042',
  leadId: 'lead-00017',
  type: 'page_view',
  occurredAt: '2026-11-24T10:00:00.123Z',
  properties: { url: '/pricing', referrer: 'https://www.example.com/' },
};

// As scoring publishes it: the lead's rule lists, its profile and its engagement trail.
const rules = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => ({ ruleId: `${prefix}_${index}`, points: 5 * (count - index) }));
const scoreChanged = {
  scoreChangeId: 'sc-lead-00017-evt-00042',
  leadId: 'lead-00017',
  causeEventId: 'evt-00042',
  causeEventType: 'page_view',
  score: 163,
  delta: 15,
  engagement: 98,
  fit: 65,
  grade: 'A',
  firedRules: rules('pricing_page_view', 1),
  engagementRules: rules('engagement_rule', 6),
  fitRules: rules('fit_rule', 4),
  causeProperties: { url: '/pricing' },
  profile: {
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    jobTitle: 'CTO',
    seniority: 'c_level',
    company: { name: 'Analytical Engines', employees: 250, country: 'GB' },
    technologies: ['kafka', 'redis'],
    bant: { budget: true, need: true },
  },
  modelVersion: 'b2b-default-2',
  occurredAt: '2026-11-24T10:00:00Z',
  asOf: '2026-11-24T10:00:00.100Z',
  engagementTrail: { carried: { on: '2026-11-10', engagement: 12.5 }, days: Array.from({ length: 7 }, (_, index) => ({ on: `2026-11-${String(17 + index).padStart(2, '0')}`, points: 10 + index })) },
  scoredAt: '2026-11-24T10:00:00.204Z',
};

function microsecondsPerDecode(decode: () => unknown): number {
  for (let i = 0; i < DECODES / 10; i++) decode();
  const start = process.hrtime.bigint();
  for (let i = 0; i < DECODES; i++) decode();
  return Number(process.hrtime.bigint() - start) / 1000 / DECODES;
}

for (const [name, contract, payload] of [
  ['EngagementEventV1', EngagementEventV1, engagementEvent],
  ['ScoreChangedV1', ScoreChangedV1, scoreChanged],
] as const) {
  const bytes = Buffer.from(JSON.stringify(payload));
  if (!decodeContract(contract as new () => object, bytes).ok) throw new Error(`the ${name} example is not valid`);
  const before = microsecondsPerDecode(() => parseContract(contract as new () => object, JSON.parse(bytes.toString('utf8'))));
  const after = microsecondsPerDecode(() => decodeContract(contract as new () => object, bytes));
  process.stdout.write(`${name} (${bytes.length} bytes): ${before.toFixed(2)} µs per decode before, ${after.toFixed(2)} µs after (${(before / after).toFixed(1)}x)\n`);
}
