import { decodeContract, decodeLeadKey } from '@baton/contracts';
import { TerminalError } from '@baton/failure';
import type { ConsumedMessage } from './batch-consumer';

/**
 * Decodes a consumed message into its contract, or throws a TerminalError naming every violation. The key
 * must be the payload's leadId: a message keyed otherwise sits on another lead's partition, out of order.
 */
export function decodeLeadMessage<T extends { leadId: string }>(contract: new () => T, message: ConsumedMessage, errorPrefix: string): T {
  const parsed = decodeContract(contract, message.value);
  if (!parsed.ok) {
    throw new TerminalError(`${errorPrefix}.INVALID_EVENT`, parsed.violations.map((violation) => `${violation.path || 'value'}: ${violation.message}`).join('; '));
  }
  if (decodeLeadKey(message.key) !== parsed.value.leadId) {
    throw new TerminalError(`${errorPrefix}.KEY_MISMATCH`, 'the message key is not the leadId of its value');
  }
  return parsed.value;
}
