import { INTENT_CLASSES, type IntentClass, type IntentModel } from '../model/scoring-model';
import { valueAt, type FieldSource } from '../conditions/match-conditions';

/** Query-string parameters in which search engines put the searched words. */
const REFERRER_SEARCH_PARAMS = ['q', 'query', 'p', 'text', 'wd', 'k', 'search', 'keywords'];

/**
 * The funnel stage the words a lead searched with point to, the most advanced one when several match
 * ("buy crm tool": transactional), or undefined when no keyword matches.
 */
export function classifyIntent(searchTerms: string, intent: IntentModel): IntentClass | undefined {
  const text = normalise(searchTerms);
  if (text === '') return undefined;
  for (const intentClass of [...INTENT_CLASSES].reverse()) {
    if (intent.classes[intentClass].keywords.some((keyword) => containsPhrase(text, normalise(keyword)))) return intentClass;
  }
  return undefined;
}

/** The search terms an event carries: a site search's query, or the terms in a search engine referrer. */
export function searchTermsOf(properties: FieldSource, intent: IntentModel): string | undefined {
  for (const name of intent.queryProperties) {
    const value = valueAt(properties, name);
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  for (const name of intent.referrerProperties) {
    const value = valueAt(properties, name);
    const terms = typeof value === 'string' ? referrerSearchTerms(value) : undefined;
    if (terms !== undefined) return terms;
  }
  return undefined;
}

function referrerSearchTerms(referrer: string): string | undefined {
  let url: URL;
  try {
    url = new URL(referrer);
  } catch {
    return undefined;
  }
  for (const param of REFERRER_SEARCH_PARAMS) {
    const terms = url.searchParams.get(param);
    if (terms !== null && terms.trim() !== '') return terms;
  }
  return undefined;
}

/** Lowercase words separated by single spaces, so that phrases match on word boundaries. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .join(' ');
}

function containsPhrase(text: string, phrase: string): boolean {
  return phrase !== '' && ` ${text} `.includes(` ${phrase} `);
}
