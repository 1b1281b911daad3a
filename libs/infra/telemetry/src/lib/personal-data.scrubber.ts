const EMAIL = /[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// An API key's secret part (its id, before it, stays: it names the key without opening anything).
const API_KEY_SECRET = /\b(baton_[0-9a-f]{16}_)[A-Za-z0-9_-]{43}/g;

/**
 * Log lines carry ids, never people: handlers log lead ids and counts, not traits, and this is the net under
 * that rule for what slips through (a lead id that is an e-mail, an error quoting a value, a key in a URL).
 */
export function scrubPersonalData(text: string): string {
  return text.replace(EMAIL, '[email]').replace(API_KEY_SECRET, '$1[secret]');
}
