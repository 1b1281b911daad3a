import { ANONYMOUS_LEAD_PREFIX, EngagementEventV1, ID_PATTERN, LeadProfileUpdatedV1, parseContract, type ContractViolation } from '@baton/contracts';
import { isRecord } from '@baton/yaml-validation';
import { eventTimeOf } from './segment-event-time';
import {
  SEGMENT_CALL_TYPES,
  type IdentityLink,
  type SegmentCallType,
  type SegmentMessageParseResult,
  type SegmentParseOptions,
  type SegmentRequestParseResult,
  type SegmentSubject,
} from './segment-message.types';
import { pageViewProperties, screenViewProperties } from './segment-page.mapper';
import { mapGroupTraits, mapIdentifyTraits, type MappedTraits } from './segment-traits.mapper';

type Fields = Readonly<Record<string, unknown>>;

const ID_MESSAGE = 'must be 1 to 128 characters of letters, digits and . _ : @ + - / =';
/** `anon:` + the anonymous id must still be a lead id. */
const MAX_ANONYMOUS_ID_LENGTH = 128 - ANONYMOUS_LEAD_PREFIX.length;

/**
 * A Segment (or RudderStack) request body: one message, or `{ "batch": [...], "context"?, "integrations"? }`
 * (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/#batch). Each message is
 * judged alone: a bad one never spoils its neighbours. Fields Baton does not use are accepted and ignored,
 * since every Segment library adds its own (context, integrations, _metadata, version, channel, ...).
 */
export function parseSegmentRequest(body: unknown, options: SegmentParseOptions): SegmentRequestParseResult {
  // Segment's Webhooks (Actions) destination, with batching on, posts a bare JSON list of messages.
  if (Array.isArray(body)) return parseSegmentRequest({ batch: body }, options);
  if (!isRecord(body)) return { ok: false, violations: [{ path: '', message: 'must be a JSON object: a Segment message, or {"batch": [...]}, or a list of messages' }] };
  if (!Object.prototype.hasOwnProperty.call(body, 'batch')) return { ok: true, batch: false, messages: [parseSegmentMessage(body, 0, options)] };
  const batch = body['batch'];
  if (!Array.isArray(batch)) return { ok: false, violations: [{ path: 'batch', message: 'must be a list of Segment messages' }] };
  if (batch.length === 0) return { ok: false, violations: [{ path: 'batch', message: 'must hold at least one message' }] };
  if (batch.length > options.maxBatchSize) {
    return { ok: false, violations: [{ path: 'batch', message: `must hold at most ${options.maxBatchSize} messages (got ${batch.length})` }] };
  }
  // The batch's context is merged into each message's, the message's own fields winning (HTTP API, "Batch").
  // Its integrations (which destinations get the call) mean nothing to Baton and are not carried.
  const shared = isRecord(body['context']) ? body['context'] : undefined;
  const messages = batch.map((message: unknown, index) => {
    const merged = shared !== undefined && isRecord(message) ? { ...message, context: { ...shared, ...(isRecord(message['context']) ? message['context'] : {}) } } : message;
    return parseSegmentMessage(merged, index, options);
  });
  return { ok: true, batch: true, messages };
}

/** One Segment message as the Baton events, profile update and identity links it implies. */
export function parseSegmentMessage(raw: unknown, index: number, options: SegmentParseOptions): SegmentMessageParseResult {
  if (!isRecord(raw)) return { index, ok: false, violations: [{ path: '', message: 'must be a JSON object (a Segment message)' }] };
  const violations: ContractViolation[] = [];
  const call = callOf(raw, violations);
  const messageId = idField(raw, 'messageId', violations, { required: true });
  const subject = subjectOf(raw, call, violations);
  const time = eventTimeOf(raw, options.now, options.maxFutureSkewMs);
  if (!time.ok) violations.push(time.violation);
  if (call === undefined || messageId === undefined || subject === undefined || !time.ok) {
    return { index, ok: false, violations: [...violations, ...(call === undefined ? [] : callViolations(raw, call, options))] };
  }
  const links = linksOf(raw, call, subject, violations);
  const built = buildWork(raw, call, messageId, subject, time.time, options, violations);
  if (violations.length > 0 || built === undefined) return { index, ok: false, violations };
  return { index, ok: true, work: { messageId, call, occurredAt: time.time, subject, links, ...built } };
}

function callOf(message: Fields, violations: ContractViolation[]): SegmentCallType | undefined {
  const type = message['type'];
  if (typeof type === 'string' && (SEGMENT_CALL_TYPES as readonly string[]).includes(type)) return type as SegmentCallType;
  violations.push({ path: 'type', message: `${type === undefined ? 'is required' : 'is not a Segment call Baton takes'}: one of ${SEGMENT_CALL_TYPES.join(', ')}` });
  return undefined;
}

/** An id field; null and "" are absent (RudderStack sends `"userId": ""` for anonymous visitors). */
function idField(message: Fields, field: string, violations: ContractViolation[], { required = false, maxLength = 128 } = {}): string | undefined {
  const value = message[field];
  if (value === undefined || value === null || value === '') {
    if (required) violations.push({ path: field, message: 'is required' });
    return undefined;
  }
  if (typeof value !== 'string') violations.push({ path: field, message: 'must be a string' });
  else if (!ID_PATTERN.test(value)) violations.push({ path: field, message: ID_MESSAGE });
  else if (value.length > maxLength) violations.push({ path: field, message: `must be at most ${maxLength} characters (an anonymous lead id is "${ANONYMOUS_LEAD_PREFIX}" + it)` });
  else return value;
  return undefined;
}

function subjectOf(message: Fields, call: SegmentCallType | undefined, violations: ContractViolation[]): SegmentSubject | undefined {
  const before = violations.length;
  const userId = idField(message, 'userId', violations, { required: call === 'alias' });
  const anonymousId = idField(message, 'anonymousId', violations, { maxLength: MAX_ANONYMOUS_ID_LENGTH });
  if (userId?.startsWith(ANONYMOUS_LEAD_PREFIX) === true) {
    violations.push({ path: 'userId', message: `must not start with "${ANONYMOUS_LEAD_PREFIX}": Baton keeps that prefix for anonymous visitors` });
    return undefined;
  }
  if (violations.length > before) return undefined;
  if (userId !== undefined) return { kind: 'known', leadId: userId };
  if (anonymousId !== undefined) return { kind: 'anonymous', anonymousId, leadId: `${ANONYMOUS_LEAD_PREFIX}${anonymousId}` };
  violations.push({ path: 'userId', message: 'is required, or anonymousId: a message must say who it is about' });
  return undefined;
}

/** alias links previousId to userId; any message with both ids links anonymousId to userId. */
function linksOf(message: Fields, call: SegmentCallType, subject: SegmentSubject, violations: ContractViolation[]): IdentityLink[] {
  if (subject.kind !== 'known') return [];
  const links: IdentityLink[] = [];
  if (call === 'alias') {
    const previousId = idField(message, 'previousId', violations, { required: true, maxLength: MAX_ANONYMOUS_ID_LENGTH });
    if (previousId !== undefined && previousId !== subject.leadId) links.push({ anonymousId: previousId, userId: subject.leadId, path: 'previousId' });
  }
  const anonymousId = message['anonymousId'];
  if (typeof anonymousId === 'string' && anonymousId !== '' && anonymousId !== subject.leadId && !links.some((link) => link.anonymousId === anonymousId)) {
    links.push({ anonymousId, userId: subject.leadId, path: 'anonymousId' });
  }
  return links;
}

/** The violations of the call's own fields, reported even when the common fields already failed. */
function callViolations(message: Fields, call: SegmentCallType, options: SegmentParseOptions): ContractViolation[] {
  const violations: ContractViolation[] = [];
  buildWork(message, call, 'x', { kind: 'known', leadId: 'x' }, options.now.toISOString(), options, violations);
  return violations;
}

interface BuiltWork {
  readonly events: EngagementEventV1[];
  readonly profileUpdate?: LeadProfileUpdatedV1;
  readonly ignoredTraits: readonly string[];
}

function buildWork(
  message: Fields,
  call: SegmentCallType,
  messageId: string,
  subject: SegmentSubject,
  occurredAt: string,
  options: SegmentParseOptions,
  violations: ContractViolation[],
): BuiltWork | undefined {
  const event = (type: string, properties: Record<string, unknown> | undefined): BuiltWork | undefined => {
    const parsed = parseContract(EngagementEventV1, { eventId: messageId, leadId: subject.leadId, type, occurredAt, ...(properties === undefined ? {} : { properties }) });
    if (parsed.ok) return { events: [parsed.value], ignoredTraits: [] };
    const origins: Readonly<Record<string, string>> = { ...EVENT_FIELD_ORIGINS, leadId: subject.kind === 'known' ? 'userId' : 'anonymousId' };
    violations.push(...parsed.violations.map((violation) => ({ ...violation, path: origins[violation.path.split('.')[0] ?? ''] ?? violation.path })));
    return undefined;
  };
  switch (call) {
    case 'track': {
      const name = message['event'];
      const properties = objectField(message, 'properties', violations);
      if (typeof name !== 'string' || name.trim() === '') {
        violations.push({ path: 'event', message: name === undefined ? 'is required: the name of the action' : 'must be a non-empty string' });
        return undefined;
      }
      const resolved = options.eventNames.resolve(name);
      if (!resolved.ok) {
        violations.push({ path: 'event', message: resolved.message });
        return undefined;
      }
      return properties === false ? undefined : event(resolved.type, properties);
    }
    case 'page':
      return objectField(message, 'properties', violations) === false ? undefined : event('page_view', pageViewProperties(message));
    case 'screen':
      return objectField(message, 'properties', violations) === false ? undefined : event('screen_view', screenViewProperties(message));
    case 'identify':
    case 'group': {
      const traits = objectField(message, 'traits', violations);
      if (traits === false) return undefined;
      const mapped = (call === 'identify' ? mapIdentifyTraits : mapGroupTraits)(traits ?? {});
      return profileUpdate(mapped, messageId, subject.leadId, occurredAt, violations);
    }
    case 'alias':
      return { events: [], ignoredTraits: [] };
  }
}

/** How an EngagementEventV1 field is named in the Segment message, for violations found on the built event. */
const EVENT_FIELD_ORIGINS: Readonly<Record<string, string>> = { eventId: 'messageId', type: 'event', occurredAt: 'timestamp', properties: 'properties' };

function profileUpdate(mapped: MappedTraits, updateId: string, leadId: string, updatedAt: string, violations: ContractViolation[]): BuiltWork | undefined {
  violations.push(...mapped.violations);
  // group always maps to a company; one with no field is no trait.
  const hasTraits = Object.entries(mapped.traits).some(([key, value]) => !(key === 'company' && isRecord(value) && Object.keys(value).length === 0));
  // Nothing Baton keeps (only `plan`, `logins`, ...): no update to store, and the item says what was ignored.
  if (!hasTraits) return mapped.violations.length > 0 ? undefined : { events: [], ignoredTraits: mapped.ignored };
  const parsed = parseContract(LeadProfileUpdatedV1, { updateId, leadId, updatedAt, traits: mapped.traits });
  if (!parsed.ok) {
    // One violation per field: the mapper's own (e.g. "51-200" employees) says it better than the contract's.
    const named = new Set(mapped.violations.map((violation) => violation.path));
    violations.push(...parsed.violations.map((violation) => ({ ...violation, path: originOf(violation.path, mapped.origins) })).filter((violation) => !named.has(violation.path)));
    return undefined;
  }
  if (mapped.violations.length > 0) return undefined;
  return { events: [], profileUpdate: parsed.value, ignoredTraits: mapped.ignored };
}

/** `traits.company.employees` -> `traits.company.employee_count`: the longest mapped prefix, then the rest. */
function originOf(path: string, origins: ReadonlyMap<string, string>): string {
  for (let prefix = path; prefix !== ''; prefix = prefix.includes('.') ? prefix.slice(0, prefix.lastIndexOf('.')) : '') {
    const origin = origins.get(prefix);
    if (origin !== undefined) return `${origin}${path.slice(prefix.length)}`;
  }
  return path;
}

/** An optional JSON object field: the object, undefined when absent or null, false (and a violation) otherwise. */
function objectField(message: Fields, field: string, violations: ContractViolation[]): Fields | undefined | false {
  const value = message[field];
  if (value === undefined || value === null) return undefined;
  if (isRecord(value)) return value;
  violations.push({ path: field, message: 'must be a JSON object' });
  return false;
}
