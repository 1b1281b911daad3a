import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { INTENT_CLASSES, intentRuleId, type Cap, type Condition, type ScoringModel } from '@baton/scoring-domain';
import { parseScoringModel } from '@baton/scoring-model-file';
import { WORKSPACE_ROOT } from '@baton/testing';

/**
 * The model the bench's services score with: SCORING_MODEL_FILE's default (libs/config), relative to the built
 * service, since the bench sets no other.
 */
export const BENCH_MODEL_FILE = resolve(WORKSPACE_ROOT, 'dist/apps/scoring/models/b2b-default.yaml');

/** The part of a scoring model the Kafka Streams peer implements, as the JSON it reads (tools/streams-peer, PeerModel). */
export interface PeerModelJson {
  /** 0: no decay. */
  readonly halfLifeDays: number;
  readonly rules: readonly PeerRuleJson[];
  readonly intent: { readonly queryProperties: readonly string[]; readonly classes: readonly PeerIntentClassJson[] };
}

interface PeerRuleJson {
  readonly id: string;
  readonly events: readonly string[];
  readonly when: readonly ({ readonly field: string; readonly matches: string } | { readonly field: string; readonly equals: string })[];
  readonly points: number;
  readonly cap?: Cap;
}

interface PeerIntentClassJson {
  readonly id: string;
  readonly keywords: readonly string[];
  readonly points: number;
  readonly cap?: Cap;
}

export function readBenchModel(file = BENCH_MODEL_FILE): ScoringModel {
  return parseScoringModel(readFileSync(file, 'utf8'), file);
}

/**
 * The model as the peer reads it, or an error naming what the peer does not implement: the comparison is only
 * honest when both sides apply the same rules. Fit is left out (the bench sends no profiles, so it is 0), and so
 * are referrer search terms (the bench's events carry no referrer; the score check would show it if they did).
 */
export function peerModelOf(model: ScoringModel): PeerModelJson {
  const decay = model.engagement.decay;
  if (decay.mode !== 'half_life' && decay.mode !== 'none') throw new Error(`the Kafka Streams peer implements half_life and none decay, not ${decay.mode}`);
  return {
    halfLifeDays: decay.mode === 'half_life' ? decay.halfLifeDays : 0,
    rules: model.engagement.rules.map((rule) => ({
      id: rule.id,
      events: rule.events,
      when: rule.when.map((condition) => peerCondition(rule.id, condition)),
      points: rule.points,
      ...(rule.cap ? { cap: rule.cap } : {}),
    })),
    intent: {
      queryProperties: model.engagement.intent.queryProperties,
      // Most advanced first: the order classifyIntent tries them in.
      classes: [...INTENT_CLASSES].reverse().map((intentClass) => {
        const rule = model.engagement.intent.classes[intentClass];
        return { id: intentRuleId(intentClass), keywords: rule.keywords, points: rule.points, ...(rule.cap ? { cap: rule.cap } : {}) };
      }),
    },
  };
}

function peerCondition(ruleId: string, condition: Condition): PeerRuleJson['when'][number] {
  if (condition.op === 'matches') return { field: condition.field, matches: condition.pattern };
  if (condition.op === 'equals' && typeof condition.value === 'string') return { field: condition.field, equals: condition.value };
  throw new Error(`the Kafka Streams peer implements matches and equals (on text) conditions, not ${condition.op} (rule ${ruleId})`);
}
