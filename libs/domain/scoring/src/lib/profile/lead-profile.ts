/**
 * What is known of who a lead is: the traits of its profile updates merged in order. Plain JSON, so that it
 * is stored and compared as it is.
 */
export interface LeadProfile {
  readonly email?: string;
  readonly name?: string;
  readonly jobTitle?: string;
  readonly seniority?: string;
  readonly role?: string;
  readonly company?: CompanyProfile;
  readonly technologies?: readonly string[];
  readonly bant?: BantProfile;
}

export interface CompanyProfile {
  readonly name?: string;
  readonly domain?: string;
  readonly industry?: string;
  readonly employees?: number;
  readonly annualRevenue?: number;
  readonly country?: string;
}

/** Each criterion true when known and satisfied, false when known and not; absent when unknown. */
export interface BantProfile {
  readonly budget?: boolean;
  readonly authority?: boolean;
  readonly need?: boolean;
  readonly timeline?: boolean;
}

type Nullable<T> = { readonly [K in keyof T]?: T[K] | null };

/** A profile update: a trait present replaces, null clears, absent keeps; company and bant merge field by field. */
export type ProfilePatch = Nullable<Omit<LeadProfile, 'company' | 'bant'>> & {
  readonly company?: Nullable<CompanyProfile> | null;
  readonly bant?: Nullable<BantProfile> | null;
};

const MERGED_FIELD_BY_FIELD = new Set(['company', 'bant']);

export function mergeProfile(current: LeadProfile, patch: ProfilePatch): LeadProfile {
  return mergeRecord(current as Record<string, unknown>, patch as Record<string, unknown>, true) as LeadProfile;
}

function mergeRecord(current: Record<string, unknown>, patch: Record<string, unknown>, topLevel: boolean): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [name, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) {
      delete merged[name];
    } else if (topLevel && MERGED_FIELD_BY_FIELD.has(name) && typeof value === 'object' && !Array.isArray(value)) {
      const nested = mergeRecord(asRecord(merged[name]), value as Record<string, unknown>, false);
      if (Object.keys(nested).length > 0) merged[name] = nested;
      else delete merged[name];
    } else {
      merged[name] = Array.isArray(value) ? [...(value as readonly unknown[])] : value;
    }
  }
  return merged;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
