import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC } from '@baton/contracts';
import { readTopicToEnd } from '@baton/kafka';
import { BatonSystem, createTestApiKey, revokeTestApiKey, WebhookReceiver } from '@baton/testing';
import { eventLanes } from './event-batches';
import { forEachLimited, requestJson, sleep } from './http-json';
import { mapLeadInputs, timelineAnchorFor, type LeadInputs } from './lead-inputs.mapper';
import { DEFAULT_DATASET, loadModel, readLeads } from './load-leads';
import { evaluateOffline } from './offline-evaluation';
import { qualityFigures, type QualityFigures } from './qualification-report';

export interface ReplayOptions {
  /** b2c-courses, b2b-default or a path to a model file. */
  readonly model: string;
  readonly limit?: number;
  /** Where to write the JSON report. */
  readonly reportPath?: string;
  readonly datasetFile?: string;
  /** Requests in flight at once. */
  readonly concurrency?: number;
  /**
   * The Redis logical database the services keep their state in (default 9), so that other services on the same
   * Redis (a benchmark, another test run, reading the same topics with groups of their own) cannot write into
   * the state of the leads replayed here, nor the replay into theirs.
   */
  readonly redisDatabase?: number;
  /** How long to wait for the system to finish, in ms. */
  readonly settleTimeoutMs?: number;
  readonly log?: (line: string) => void;
}

/** One lead as the running system left it, beside the pure model's answer. */
export interface ReplayedLead {
  readonly leadId: string;
  readonly prospectId: string;
  readonly converted: boolean;
  /** The score its latest decision was taken on, and as of when (the time its latest cause entered the log). */
  readonly score: number;
  readonly asOf?: string;
  readonly offlineScore: number;
  readonly stage: string;
  /** The stages of its history, in order. */
  readonly reached: readonly string[];
  readonly offlineReached: readonly string[];
}

export interface ReplayReport {
  readonly dataset: string;
  readonly model: { readonly name: string; readonly version: string; readonly file: string };
  readonly runId: string;
  readonly timelineAnchor: string;
  readonly startedAt: string;
  readonly leads: number;
  readonly profiles: number;
  readonly events: number;
  /** Milliseconds: starting the services, sending profiles and events, waiting for every final score. */
  readonly timings: { readonly startMs: number; readonly profilesMs: number; readonly eventsMs: number; readonly settleMs: number; readonly totalMs: number };
  readonly system: QualityFigures;
  readonly offline: QualityFigures;
  /** Leads whose final score in the system differs from the pure model's (0 expected: scoring is deterministic). */
  readonly scoreMismatches: number;
  /** Leads whose stage history in the system differs from the offline one. */
  readonly stageMismatches: number;
}

interface LeadView {
  readonly stage: string;
  readonly scores?: { readonly decided: { readonly score: number; readonly asOf?: string } };
  readonly history: readonly { readonly to?: string }[];
  readonly lastActivityAt?: string;
}

const MAX_BATCH = 500;
const DEFAULT_REDIS_DATABASE = 9;

/** The same Redis, another logical database: redis://host:port/9. */
export function withDatabase(url: string, database: number): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set: eval "$(bash scripts/infra.sh up)" first`);
  return value;
}

/**
 * Replays leads.csv through the running system: starts the four built services (dist/apps) with the chosen
 * model, sends each lead's profile, then its events in batches, waits until lifecycle has applied every lead's
 * last event, and reads back scores and stages. Kafka and Redis come from KAFKA_BROKERS and REDIS_URL.
 */
export async function replayXEducation(options: ReplayOptions): Promise<{ report: ReplayReport; leads: ReplayedLead[] }> {
  const log = options.log ?? ((): void => undefined);
  const started = Date.now();
  const { file, model } = loadModel(options.model);
  const dataset = options.datasetFile ?? DEFAULT_DATASET;
  const runId = randomUUID().slice(0, 8);
  const rows = readLeads(dataset, options.limit);
  // A run id in every lead id: a replay never meets an earlier one's state.
  const timelineAnchor = timelineAnchorFor(started);
  const mapped = rows.map((row) => ({ row, inputs: mapLeadInputs(row, `xed-${runId}-${row.prospectId}`, timelineAnchor) }));
  const concurrency = options.concurrency ?? 8;

  const redisUrl = withDatabase(requiredEnv('REDIS_URL'), options.redisDatabase ?? DEFAULT_REDIS_DATABASE);
  const secret = BatonSystem.newWebhookSecret();
  const receiver = await WebhookReceiver.start(secret);
  const system = new BatonSystem();
  let keyId: string | undefined;
  try {
    log(`starting the four services with ${file} (run ${runId}, logs in .baton/logs/xed-replay-*.log)`);
    await system.start({
      webhookUrl: receiver.url,
      webhookSecret: secret,
      consumerGroupPrefix: `xed-replay-${runId}`,
      logPrefix: 'xed-replay',
      // These leads are history: the inactivity sweep would judge them by today's clock and recycle them mid-replay.
      env: { SCORING_MODEL_FILE: file, LIFECYCLE_INACTIVITY_SWEEP_MS: '0', REDIS_URL: redisUrl },
    });
    // In the services' database; far above any rate this machine can send, so that the limiter never slows the replay.
    const key = await createTestApiKey(redisUrl, ['events:write', 'profiles:write', 'leads:read'], { perSecond: 100_000, burst: 100_000 });
    keyId = key.keyId;
    const headers = system.authorized(key.key);
    const startMs = Date.now() - started;

    const withProfile = mapped.filter(({ inputs }) => inputs.profile !== undefined).map(({ inputs }) => inputs);
    log(`sending ${withProfile.length} profiles`);
    const profilesStarted = Date.now();
    await forEachLimited(withProfile, concurrency, async (inputs) => {
      const profile = inputs.profile as NonNullable<LeadInputs['profile']>;
      const sent = await requestJson(`${system.ingestUrl}/v1/leads/${encodeURIComponent(inputs.leadId)}/profile`, { method: 'PUT', headers, body: profile });
      if (sent.status !== 202) throw new Error(`profile of ${inputs.leadId} refused: ${sent.status} ${JSON.stringify(sent.body)}`);
    });
    // Profiles and events are on two topics, read in no fixed order: the fit is known before the first event
    // only once lifecycle has seen the profile.
    await settle(
      system,
      headers,
      withProfile.map((inputs) => ({ leadId: inputs.leadId, ready: (view: LeadView | undefined) => view !== undefined })),
      concurrency,
      options.settleTimeoutMs,
      log,
    );
    const profilesMs = Date.now() - profilesStarted;

    const lanes = eventLanes(
      mapped.map(({ inputs }) => inputs),
      concurrency,
      MAX_BATCH,
    );
    const events = mapped.reduce((sum, { inputs }) => sum + inputs.events.length, 0);
    log(`sending ${events} events in ${lanes.reduce((sum, lane) => sum + lane.length, 0)} batches`);
    const eventsStarted = Date.now();
    await Promise.all(
      lanes.map(async (lane) => {
        for (const batch of lane) {
          const sent = await requestJson(`${system.ingestUrl}/v1/events`, { method: 'POST', headers, body: { events: batch } });
          if (sent.status !== 202) throw new Error(`a batch was not stored in full: ${sent.status} ${JSON.stringify(sent.body).slice(0, 2000)}`);
        }
      }),
    );
    const eventsMs = Date.now() - eventsStarted;

    log('waiting for lifecycle to apply every lead’s last event');
    const settleStarted = Date.now();
    const views = await settle(
      system,
      headers,
      mapped.map(({ inputs }) => {
        const last = inputs.events.at(-1);
        return {
          leadId: inputs.leadId,
          ready: (view: LeadView | undefined) => view !== undefined && (last === undefined || (view.lastActivityAt !== undefined && Date.parse(view.lastActivityAt) === Date.parse(last.occurredAt))),
        };
      }),
      concurrency,
      options.settleTimeoutMs,
      log,
    );
    const settleMs = Date.now() - settleStarted;

    // The pure model's answer, each cause decided as of the time it entered the log, as the system took it.
    log('reading when each cause entered the log, for the pure model');
    const loggedAt = await logTimes(system.kafkaBrokers, `xed-${runId}-`);
    const offline = evaluateOffline(
      model,
      mapped.map(({ row, inputs }) => ({ inputs, converted: row.converted })),
      (causeId) => loggedAt.get(causeId),
    );
    const leads = mapped.map(({ row, inputs }, index): ReplayedLead => {
      const view = views.get(inputs.leadId);
      const outcome = offline.outcomes[index] as (typeof offline.outcomes)[number];
      return {
        leadId: inputs.leadId,
        prospectId: row.prospectId,
        converted: row.converted,
        score: view?.scores?.decided.score ?? 0,
        asOf: view?.scores?.decided.asOf,
        offlineScore: outcome.score,
        stage: view?.stage ?? 'visitor',
        reached: (view?.history ?? []).flatMap((entry) => (typeof entry.to === 'string' ? [entry.to] : [])),
        offlineReached: outcome.reached,
      };
    });
    const report: ReplayReport = {
      dataset,
      model: { name: options.model, version: model.version, file },
      runId,
      timelineAnchor,
      startedAt: new Date(started).toISOString(),
      leads: leads.length,
      profiles: withProfile.length,
      events,
      timings: { startMs, profilesMs, eventsMs, settleMs, totalMs: Date.now() - started },
      system: qualityFigures(leads),
      offline: offline.figures,
      scoreMismatches: leads.filter((lead) => lead.score !== lead.offlineScore).length,
      stageMismatches: leads.filter((lead) => lead.reached.join('>') !== lead.offlineReached.join('>')).length,
    };
    if (options.reportPath !== undefined) {
      const path = resolve(options.reportPath);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify({ ...report, perLead: leads }, null, 2)}\n`);
    }
    return { report, leads };
  } finally {
    if (keyId !== undefined) await revokeTestApiKey(redisUrl, keyId).catch(() => undefined);
    await system.stop();
    await receiver.stop();
  }
}

/** When each of this run's causes (by event id or profile update id) entered the log: its record's timestamp. */
async function logTimes(brokers: string, leadIdPrefix: string): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  const kafka = new Kafka({ clientId: 'baton-xed-replay-log-times', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
  for (const topic of [ENGAGEMENT_EVENTS_TOPIC, LEAD_PROFILES_TOPIC]) {
    await readTopicToEnd(kafka, topic, async (message) => {
      const value = message.value?.toString('utf8') ?? '';
      // Other runs' messages share the topics, a poison message that services dead-lettered among them.
      if (!value.includes(leadIdPrefix)) return;
      const { leadId, eventId, updateId } = JSON.parse(value) as { leadId?: string; eventId?: string; updateId?: string };
      const causeId = eventId ?? updateId;
      if (leadId?.startsWith(leadIdPrefix) === true && causeId !== undefined && !times.has(causeId)) times.set(causeId, new Date(Number(message.timestamp)).toISOString());
    });
  }
  return times;
}

/**
 * Polls lifecycle's GET /v1/leads/:id until every lead is `ready`, asking again only for those that are not;
 * resolves with the last view of each lead.
 */
async function settle(
  system: BatonSystem,
  headers: Record<string, string>,
  leads: readonly { readonly leadId: string; readonly ready: (view: LeadView | undefined) => boolean }[],
  concurrency: number,
  timeoutMs = 30 * 60_000,
  log: (line: string) => void,
): Promise<Map<string, LeadView>> {
  const views = new Map<string, LeadView>();
  let pending = [...leads];
  const deadline = Date.now() + timeoutMs;
  const chunk = concurrency * 2;
  let lastLog = 0;
  while (pending.length > 0) {
    // Read a chunk at a time and stop at the first chunk with a lead not ready: while the services are behind,
    // asking about every lead each second would take CPU from them (this machine has two cores).
    const notReady: typeof pending = [];
    let checked = 0;
    while (checked < pending.length && notReady.length === 0) {
      await forEachLimited(pending.slice(checked, checked + chunk), concurrency, async (lead) => {
        const read = await requestJson(`${system.urlOf('lifecycle')}/v1/leads/${encodeURIComponent(lead.leadId)}`, { method: 'GET', headers });
        if (read.status !== 200 && read.status !== 404) throw new Error(`lifecycle answered ${read.status} for ${lead.leadId}: ${JSON.stringify(read.body)}`);
        const view = read.status === 200 ? (read.body as LeadView) : undefined;
        if (view !== undefined) views.set(lead.leadId, view);
        if (!lead.ready(view)) notReady.push(lead);
      });
      checked += chunk;
    }
    pending = [...notReady, ...pending.slice(checked)];
    if (pending.length === 0) break;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms with ${pending.length} leads not settled, e.g. ${pending[0]?.leadId}`);
    if (Date.now() - lastLog > 10_000) {
      log(`  ${leads.length - pending.length} of ${leads.length} leads settled`);
      lastLog = Date.now();
    }
    await sleep(1000);
  }
  return views;
}
