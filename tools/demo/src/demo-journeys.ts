export interface DemoStep {
  readonly type: string;
  readonly properties?: Record<string, string>;
}

export interface DemoJourney {
  /** Sent first, as a CRM would: fit is scored before the first event. */
  readonly traits: Record<string, unknown>;
  readonly steps: readonly DemoStep[];
  /** The stage the default model must qualify this lead to (with one alert), or none: never handed to sales. */
  readonly qualifiesAs?: 'mql' | 'sql';
}

// Three prospects: a well-fitting buyer who books a demo, an eager reader who fits less, a student who glances.
export const DEMO_JOURNEYS: Readonly<Record<string, DemoJourney>> = {
  'ada@northwind.example': {
    traits: { jobTitle: 'VP Marketing', company: { name: 'Northwind', industry: 'Software', employees: 320, country: 'US' }, technologies: ['Salesforce'] },
    steps: [
      { type: 'page_view', properties: { url: '/blog/lead-scoring' } },
      { type: 'search', properties: { query: 'baton vs hubspot' } },
      { type: 'page_view', properties: { url: '/pricing' } },
      { type: 'demo_requested' },
    ],
    qualifiesAs: 'sql',
  },
  'grace@contoso.example': {
    traits: { jobTitle: 'Marketing Manager', company: { name: 'Contoso', industry: 'Retail', employees: 40 } },
    steps: [
      { type: 'page_view', properties: { url: '/' } },
      { type: 'email_opened' },
      { type: 'email_clicked' },
      { type: 'content_download' },
      { type: 'webinar_attended' },
      { type: 'page_view', properties: { url: '/pricing' } },
    ],
    qualifiesAs: 'sql',
  },
  'linus@fabrikam.example': {
    traits: { jobTitle: 'Student' },
    steps: [{ type: 'page_view', properties: { url: '/careers' } }, { type: 'email_opened' }, { type: 'unsubscribed' }],
  },
};
