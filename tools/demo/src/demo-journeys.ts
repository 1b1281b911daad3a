export interface DemoStep {
  readonly type: string;
  readonly properties?: Record<string, string>;
}

export interface DemoJourney {
  /** Sent first, as a CRM would: fit is scored before the first event. */
  readonly traits: Record<string, unknown>;
  readonly steps: readonly DemoStep[];
  /** Where the default model must leave this lead: MQL and SQL with one alert each, any other stage without. */
  readonly endsAs: 'contact' | 'mql' | 'sql' | 'disqualified';
}

// Four prospects: a well-fitting buyer who books a demo (SQL at once), a fitting marketer who reads, watches and
// compares prices (interest: an MQL, not an SQL), a student (disqualified), and a one-person shop that asks for a
// demo (a raised hand from a poor fit: kept from sales, the reason kept with the lead).
export const DEMO_JOURNEYS: Readonly<Record<string, DemoJourney>> = {
  'ada@northwind.example': {
    traits: { jobTitle: 'VP Marketing', company: { name: 'Northwind', industry: 'Software', employees: 320, country: 'US' }, technologies: ['Salesforce'] },
    steps: [
      { type: 'page_view', properties: { url: '/blog/lead-scoring' } },
      { type: 'search', properties: { query: 'baton vs hubspot' } },
      { type: 'page_view', properties: { url: '/pricing' } },
      { type: 'demo_requested' },
    ],
    endsAs: 'sql',
  },
  'grace@contoso.example': {
    traits: { jobTitle: 'Marketing Manager', company: { name: 'Contoso', industry: 'Software', employees: 120, country: 'US' } },
    steps: [
      { type: 'page_view', properties: { url: '/' } },
      { type: 'email_opened' },
      { type: 'email_clicked' },
      { type: 'content_download' },
      { type: 'webinar_attended' },
      { type: 'page_view', properties: { url: '/pricing' } },
    ],
    endsAs: 'mql',
  },
  'linus@fabrikam.example': {
    traits: { jobTitle: 'Student' },
    steps: [{ type: 'page_view', properties: { url: '/careers' } }, { type: 'email_opened' }, { type: 'unsubscribed' }],
    endsAs: 'disqualified',
  },
  'sam@tinyshop.example': {
    traits: { jobTitle: 'Owner', company: { name: 'Tiny Shop', industry: 'Retail', employees: 2 } },
    steps: [{ type: 'demo_requested' }],
    endsAs: 'contact',
  },
};
