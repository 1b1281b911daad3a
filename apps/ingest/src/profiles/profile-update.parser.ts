import { LeadProfileUpdatedV1, parseContract, type ContractViolation } from '@baton/contracts';
import { futureDateErrors, type DateLimits } from '@baton/service-runtime';

export type ProfileUpdateParseResult = { readonly ok: true; readonly update: LeadProfileUpdatedV1 } | { readonly ok: false; readonly violations: readonly ContractViolation[] };

export interface ProfileUpdateRequest {
  /** From the URL. */
  readonly leadId: string;
  readonly body: unknown;
  /** The `Idempotency-Key` header: the updateId when the body has none. */
  readonly idempotencyKey?: string;
}

/** What the request does not say, and the clock limits; passed in so that parsing stays pure. */
export interface ProfileUpdateDefaults extends DateLimits {
  /** The time of the request (ISO-8601), used when the body has no `updatedAt`. */
  readonly receivedAt: string;
  /** Called for an updateId when neither the body nor the `Idempotency-Key` header gives one. */
  readonly newUpdateId: () => string;
}

const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const BODY_FIELDS: ReadonlySet<string> = new Set(['traits', 'updateId', 'updatedAt']);

/**
 * A request body is `{ "traits": { ... }, "updateId"?, "updatedAt"? }` with at least one trait; the leadId comes
 * from the URL. Unknown fields, at the top or among the traits, are refused by name. A trait set to null is valid:
 * it clears the stored value (the merge is the scoring service's, see README "HTTP API").
 */
export function parseProfileUpdate(request: ProfileUpdateRequest, defaults: ProfileUpdateDefaults): ProfileUpdateParseResult {
  const { leadId, body, idempotencyKey } = request;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, violations: [{ path: '', message: 'must be a JSON object' }] };
  }
  const fields = body as Record<string, unknown>;
  const violations: ContractViolation[] = Object.keys(fields)
    .filter((name) => !BODY_FIELDS.has(name))
    .map((name) => ({ path: name, message: 'property should not exist' }));

  const bodyHasUpdateId = 'updateId' in fields;
  if (bodyHasUpdateId && idempotencyKey !== undefined && fields['updateId'] !== idempotencyKey) {
    violations.push({ path: 'updateId', message: `differs from the ${IDEMPOTENCY_KEY_HEADER} header: send one of them, or the same value in both` });
  }
  const traits = fields['traits'];
  if (typeof traits === 'object' && traits !== null && !Array.isArray(traits) && Object.keys(traits).length === 0) {
    violations.push({ path: 'traits', message: 'must hold at least one trait' });
  }

  const updateIdFromHeader = !bodyHasUpdateId && idempotencyKey !== undefined;
  const candidate = {
    updateId: bodyHasUpdateId ? fields['updateId'] : (idempotencyKey ?? defaults.newUpdateId()),
    leadId,
    updatedAt: 'updatedAt' in fields ? fields['updatedAt'] : defaults.receivedAt,
    traits,
  };
  const parsed = parseContract(LeadProfileUpdatedV1, candidate, { rejectUnknownFields: true });
  if (!parsed.ok) {
    // A bad Idempotency-Key is named as the header the client sent, not as a body field it did not send.
    violations.push(...parsed.violations.map((v) => (updateIdFromHeader && v.path === 'updateId' ? { ...v, path: IDEMPOTENCY_KEY_HEADER } : v)));
  } else {
    violations.push(...futureDateErrors('updatedAt', parsed.value.updatedAt, defaults));
  }
  if (violations.length > 0 || !parsed.ok) return { ok: false, violations };
  return { ok: true, update: parsed.value };
}
