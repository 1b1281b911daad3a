import type Redis from 'ioredis';
import { callRedis } from '../call-redis';
import { leadKey } from '../lead-key';
import { LuaScript } from '../lua-script';
import { parseCauseRecord, pendingRecord, PUBLISHED_RECORD, type CauseRecord } from './cause-record';

export type CommitResult = 'committed' | 'conflict';

/** What a slice of causes did to a lead, committed at once. */
export interface LedgerCommit {
  readonly leadId: string;
  /** The state version the decisions were taken on: the commit refuses if the lead moved since. */
  readonly version: number;
  /** Fields set on the lead's state hash (its version is the ledger's). */
  readonly state: Readonly<Record<string, string>>;
  /** The store's other keys, KEYS[2], KEYS[3], ... to its Lua body. */
  readonly keys?: readonly string[];
  /** The store's own arguments, the Lua table `args` to its body: flat strings, as Lua decoding JSON costs more than the commit's writes. */
  readonly args?: readonly string[];
  /** Each cause committed, with what it is to publish (none: nothing to publish). */
  readonly causes: readonly { readonly causeKey: string; readonly payload?: string }[];
}

/**
 * Which causes a service applied to a lead, kept beside the lead's state under keys hash-tagged by the lead (one
 * Cluster slot): `…:<service>:state` (with a version) and one `…:<service>:cause:<causeKey>` record per cause. A commit
 * is one Lua call that refuses when the state moved since it was read (-1) or a cause was committed meanwhile (-2),
 * sets the state and the records, and runs the store's own `body` between the two (`args` its arguments, KEYS[2..]
 * the store's keys), so that every store commits causes the same way. Each Redis command a script calls costs several
 * times a command sent alone: the commit makes one call per kind of write, not one per field or cause.
 */
export class CauseLedger {
  private readonly script: LuaScript;

  constructor(
    private readonly service: string,
    /** Lua run inside the commit, after the state is set. */
    body = '',
  ) {
    this.script = new LuaScript(`commit-${service}`, commitSource(body));
  }

  stateKey(leadId: string): string {
    return leadKey(leadId, this.service, 'state');
  }

  recordKey(leadId: string, causeKey: string): string {
    return leadKey(leadId, this.service, 'cause', causeKey);
  }

  /** The records of those causes that have one. */
  async records(client: Redis, leadId: string, causeKeys: readonly string[]): Promise<Map<string, CauseRecord>> {
    const found = new Map<string, CauseRecord>();
    if (causeKeys.length === 0) return found;
    const records = await callRedis(() => client.mget(causeKeys.map((causeKey) => this.recordKey(leadId, causeKey))));
    records.forEach((record, index) => {
      if (record !== null) found.set(causeKeys[index] as string, parseCauseRecord(record));
    });
    return found;
  }

  async commit(client: Redis, commit: LedgerCommit, ttlSeconds: number): Promise<CommitResult> {
    const keys = commit.keys ?? [];
    const recordKeys = commit.causes.map((cause) => this.recordKey(commit.leadId, cause.causeKey));
    const records = commit.causes.map((cause) => (cause.payload === undefined ? PUBLISHED_RECORD : pendingRecord(cause.payload)));
    const state = Object.entries(commit.state).flat();
    const args = commit.args ?? [];
    const reply = await callRedis(() =>
      this.script.run(client, [this.stateKey(commit.leadId), ...keys, ...recordKeys], [commit.version, ttlSeconds, keys.length, state.length, args.length, ...state, ...args, ...records]),
    );
    return Number(reply) > 0 ? 'committed' : 'conflict';
  }

  /** Once published, a record only has to say so; one round trip for any number of causes. */
  async markPublished(client: Redis, causes: readonly { readonly leadId: string; readonly causeKey: string }[]): Promise<void> {
    if (causes.length === 0) return;
    const pipeline = client.pipeline();
    for (const { leadId, causeKey } of causes) pipeline.set(this.recordKey(leadId, causeKey), PUBLISHED_RECORD, 'KEEPTTL', 'XX');
    await callRedis(() => pipeline.exec());
  }
}

/**
 * KEYS[1] the state hash; KEYS[2 .. ARGV[3]+1] the store's keys; the rest the causes' records. ARGV[1] the version
 * read; ARGV[2] the records' TTL in seconds; ARGV[4] and ARGV[5] how many state field-value strings and store arguments
 * follow, then those, then the records in the order of their keys.
 */
function commitSource(body: string): string {
  return `
local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
if version ~= tonumber(ARGV[1]) then return -1 end
local firstRecord = tonumber(ARGV[3]) + 2
if #KEYS >= firstRecord and redis.call('EXISTS', unpack(KEYS, firstRecord)) > 0 then return -2 end
local firstState = 6
local firstArg = firstState + tonumber(ARGV[4])
local firstRecordArg = firstArg + tonumber(ARGV[5])
redis.call('HSET', KEYS[1], 'version', version + 1, unpack(ARGV, firstState, firstArg - 1))
local args = {}
for i = firstArg, firstRecordArg - 1 do args[#args + 1] = ARGV[i] end
${body}
for i = firstRecord, #KEYS do redis.call('SET', KEYS[i], ARGV[firstRecordArg + i - firstRecord], 'EX', tonumber(ARGV[2])) end
return version + 1
`;
}
