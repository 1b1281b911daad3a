import { isRecord } from '@baton/yaml-validation';

type Fields = Readonly<Record<string, unknown>>;

/** The page fields analytics.js collects (page spec, "Properties"); `context.page` holds them on other calls. */
const PAGE_FIELDS = ['url', 'path', 'referrer', 'title'] as const;

/** Query-string parameters in which site searches put the searched words. */
const SITE_SEARCH_PARAMS = ['q', 'query', 'search', 's', 'term', 'keyword', 'keywords'];

/**
 * A page call's properties as a Baton page_view's: the sender's properties, with url, path, referrer and title
 * taken from `context.page` when the properties lack them, and name and category when the call names them.
 *
 * `search` is special. In Segment it is the raw query string (`?utm_campaign=pricing`); in Baton it is a site
 * search's words, which the scoring model classifies for intent. So the words of a site-search parameter
 * (`?q=buy+crm` -> "buy crm") become `search`, and a query string without one leaves no `search`: campaign
 * tags would otherwise score as buying intent. The query string stays in `url`.
 */
export function pageViewProperties(message: Fields): Record<string, unknown> {
  const sent: Fields = isRecord(message['properties']) ? message['properties'] : {};
  const context = message['context'];
  const page: Fields = isRecord(context) && isRecord(context['page']) ? context['page'] : {};
  const properties: Record<string, unknown> = { ...sent };
  for (const field of PAGE_FIELDS) {
    if (properties[field] === undefined && typeof page[field] === 'string') properties[field] = page[field];
  }
  const rawSearch = typeof sent['search'] === 'string' ? sent['search'] : page['search'];
  delete properties['search'];
  const terms = typeof rawSearch === 'string' ? siteSearchTerms(rawSearch) : undefined;
  if (terms !== undefined) properties['search'] = terms;
  return { ...properties, ...namedProperties(message) };
}

/** A screen call's properties as a Baton screen_view's: the sender's, plus name and category. */
export function screenViewProperties(message: Fields): Record<string, unknown> {
  const sent: Fields = isRecord(message['properties']) ? message['properties'] : {};
  return { ...sent, ...namedProperties(message) };
}

function namedProperties(message: Fields): Record<string, string> {
  const named: Record<string, string> = {};
  for (const field of ['name', 'category'] as const) {
    const value = message[field];
    if (typeof value === 'string' && value !== '') named[field] = value;
  }
  return named;
}

function siteSearchTerms(queryString: string): string | undefined {
  const params = new URLSearchParams(queryString.startsWith('?') ? queryString.slice(1) : queryString);
  for (const name of SITE_SEARCH_PARAMS) {
    const terms = params.get(name);
    if (terms !== null && terms.trim() !== '') return terms.trim();
  }
  return undefined;
}
