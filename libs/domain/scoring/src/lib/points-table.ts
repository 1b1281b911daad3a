/** Points per engagement event type, and the version every score records. */
export interface PointsTable {
  readonly modelVersion: string;
  readonly pointsByType: Readonly<Record<string, number>>;
}

/** The walking skeleton's model: what a B2B buyer's behaviour is worth, high intent highest. */
export const DEFAULT_POINTS_TABLE: PointsTable = {
  modelVersion: 'skeleton-1',
  pointsByType: {
    page_view: 5,
    email_opened: 2,
    email_clicked: 5,
    content_download: 15,
    webinar_attended: 20,
    form_submitted: 20,
    pricing_page_view: 15,
    demo_requested: 40,
    meeting_booked: 40,
    email_bounced: -10,
    unsubscribed: -20,
    marked_spam: -30,
  },
};
