import { ENGAGEMENT_EVENT_TYPE_PATTERN } from '@baton/contracts';
import type { SegmentEventNameResolver } from './segment-message.types';

/**
 * Segment semantic event names (https://segment.com/docs/connections/spec/semantic/) onto the event types the
 * default scoring model (libs/domain/scoring/models/b2b-default.yaml) scores, where the meaning is the same.
 * Names that already normalise to a Baton type ("Demo Requested", "Trial Started", "Unsubscribed") need no entry.
 *
 * Left out on purpose, so they keep their own snake_case type and score nothing by default:
 * - "Product Viewed": analytics.js sends it alongside the page call of the same page, so as page_view it would
 *   count one visit twice;
 * - "Order Completed" and the rest of e-commerce: a purchase is not one of the B2B model's buying signals;
 * - video events: a video is not a webinar (webinar_attended), and most are product tours or ads.
 * Map them in INGEST_SEGMENT_EVENT_MAP_FILE when they mean something in your funnel.
 */
export const DEFAULT_SEGMENT_EVENT_MAP: Readonly<Record<string, string>> = {
  // E-mail spec (https://segment.com/docs/connections/spec/email/).
  'Email Opened': 'email_opened',
  'Email Link Clicked': 'email_clicked',
  'Email Bounced': 'email_bounced',
  'Email Marked as Spam': 'marked_spam',
  // Live chat spec: a conversation started by the visitor.
  'Live Chat Conversation Started': 'chat_started',
  // B2B SaaS spec: signing up is filling in a form with contact details; a trial is only "Trial Started".
  'Signed Up': 'form_submitted',
  // Common names in B2B tracking plans whose snake_case differs from Baton's type.
  'Content Downloaded': 'content_download',
  'Sales Contacted': 'contact_sales',
  'Products Searched': 'search',
};

/**
 * An event name in Baton's snake_case: "Demo Requested" -> demo_requested, "signedUp" -> signed_up,
 * "Café Visited!" -> cafe_visited. May still fail ENGAGEMENT_EVENT_TYPE_PATTERN ("2FA Enabled" -> 2fa_enabled).
 */
export function toSnakeCase(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The defaults with a configured map merged over them. Names are compared by their snake_case, so that
 * "Email Opened", "email opened" and "email_opened" are one name, whatever the source's capitalisation.
 */
export class SegmentEventNameMap implements SegmentEventNameResolver {
  private readonly types: ReadonlyMap<string, string>;

  constructor(configured: Readonly<Record<string, string>> = {}) {
    const types = new Map<string, string>();
    for (const [name, type] of [...Object.entries(DEFAULT_SEGMENT_EVENT_MAP), ...Object.entries(configured)]) types.set(toSnakeCase(name), type);
    this.types = types;
  }

  resolve(eventName: string): { readonly ok: true; readonly type: string } | { readonly ok: false; readonly message: string } {
    const key = toSnakeCase(eventName);
    const type = this.types.get(key) ?? key;
    if (ENGAGEMENT_EVENT_TYPE_PATTERN.test(type)) return { ok: true, type };
    const shown = type === '' ? 'nothing' : JSON.stringify(type);
    return {
      ok: false,
      message: `cannot be made a Baton event type: it normalises to ${shown}, which is not a lowercase letter followed by up to 63 lowercase letters, digits or _ (map it in the Segment event map file)`,
    };
  }
}
