import { ID_PATTERN } from '../validation/contract-decorators';

/**
 * Every topic about a lead is keyed by the lead id, so that one lead's events land on one partition and are
 * processed in order by one consumer at a time.
 */
export function encodeLeadKey(leadId: string): Buffer {
  return Buffer.from(leadId, 'utf8');
}

export function decodeLeadKey(key: Buffer | null): string | null {
  if (key === null) return null;
  const leadId = key.toString('utf8');
  return ID_PATTERN.test(leadId) ? leadId : null;
}
