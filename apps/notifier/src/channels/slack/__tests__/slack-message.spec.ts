import { alert, REASONS } from './alert.fixture';
import { slackMessage } from '../slack-message';

interface Block {
  type: string;
  text?: { type: string; text: string };
  fields?: { type: string; text: string }[];
  elements?: { type: string; text?: unknown; url?: string }[];
}

function blocks(message: { blocks: unknown[] }): Block[] {
  return message.blocks as Block[];
}

function allText(message: { text: string; blocks: unknown[] }): string {
  return JSON.stringify(message);
}

function section(message: { blocks: unknown[] }, title: string): string {
  const found = blocks(message).find((block) => block.type === 'section' && block.text?.text.startsWith(`*${title}*`));
  if (found?.text === undefined) throw new Error(`no section ${title}`);
  return found.text.text;
}

describe('slackMessage', () => {
  it('should head the message with the stage, the lead and the company', () => {
    const message = slackMessage(alert());
    expect(blocks(message)[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'New SQL: Ada Lovelace, Northwind', emoji: false } });
    expect(message.text).toBe('New SQL: Ada Lovelace, Northwind: requested a demo; fit A passed the gate of B or better');
  });

  it('should fall back to the lead id when the profile has no name', () => {
    const message = slackMessage(alert({}, { profile: {} }));
    expect(blocks(message)[0]?.text?.text).toBe('New SQL: lead-42');
  });

  it('should list stage, grade and score, company, title and the owner as a mention', () => {
    const fields = blocks(slackMessage(alert()))[1]?.fields?.map((field) => field.text);
    expect(fields).toEqual(['*Stage*\nSQL (from MQL)', '*Grade · score*\nA · 140 (engagement 70 + fit 70)', '*Company*\nNorthwind', '*Title*\nCTO', '*Owner*\n<@U123ABC>']);
  });

  it('should name the owner when there is no Slack id, and leave out what is unknown', () => {
    const fields = blocks(slackMessage(alert({ owner: { id: 'o-2', name: 'Grace <Hopper>' } }, { profile: { name: 'Ada' } })))[1]?.fields?.map((field) => field.text);
    expect(fields).toEqual(['*Stage*\nSQL (from MQL)', '*Grade · score*\nA · 140 (engagement 70 + fit 70)', '*Owner*\nGrace &lt;Hopper&gt;']);
  });

  it.each([
    ['score_threshold', { stage: 'mql', previousStage: 'contact', reason: REASONS.score_threshold }, 'engagement 55 reached the MQL threshold of 50; fit A passed the gate of B or better'],
    ['fast_track', { reason: REASONS.fast_track }, 'requested a demo; fit A passed the gate of B or better'],
    ['criteria', { reason: REASONS.criteria }, 'score 125 with budget, authority, need confirmed; fit B passed the gate of C or better'],
    ['activities', { reason: REASONS.activities }, '3 high-intent activities in 30 days: pricing page view, webinar attended, content download; fit C passed the gate of C or better'],
  ] as const)('should say why now in words when the reason is %s', (_kind, overrides, expected) => {
    expect(section(slackMessage(alert({}, overrides)), 'Why now')).toBe(`*Why now*\n${expected}`);
  });

  it('should read an unknown fast-track action and a threshold reason with only the domain fields', () => {
    expect(section(slackMessage(alert({}, { reason: { kind: 'fast_track', action: 'quote_requested' } })), 'Why now')).toContain('requested a quote');
    expect(section(slackMessage(alert({}, { reason: { kind: 'fast_track', action: 'callback_wanted' } })), 'Why now')).toContain('hand-raising action: callback wanted');
    expect(section(slackMessage(alert({}, { stage: 'mql', reason: { kind: 'score_threshold', minEngagement: 50, engagement: 61 } })), 'Why now')).toContain(
      'engagement 61 reached the MQL threshold of 50',
    );
  });

  it('should show the top signals and the last five journey steps, oldest first', () => {
    const message = slackMessage(alert());
    expect(section(message, 'Top signals')).toBe('*Top signals*\n• demo requested +40\n• pricing page view +30');
    const journey = section(message, 'Latest journey').split('\n').slice(1);
    expect(journey).toEqual([
      '• 2024-05-01 09:01 UTC · page view: /blog/2',
      '• 2024-05-01 09:02 UTC · search: baton vs acme',
      '• 2024-05-01 09:03 UTC · content download: ROI whitepaper',
      '• 2024-05-01 09:04 UTC · page view: /pricing',
      '• 2024-05-01 09:05 UTC · demo requested',
    ]);
  });

  it('should escape &, < and > in what the lead supplied, so nothing pings or links', () => {
    const message = slackMessage(
      alert(
        { owner: { id: 'o', name: 'x', slackUserId: '<!channel>' } },
        {
          profile: { name: 'Bob <!channel>', jobTitle: 'R&D <b>', company: { name: 'A&B <https://evil.example|click>' } },
          journey: [{ at: '2024-05-01T09:00:00.000Z', type: 'search', points: 0, detail: '<!here> & more' }],
        },
      ),
    );
    // The header is plain_text, which Slack neither parses for mentions nor links; everything else is escaped.
    const text = allText({ text: message.text, blocks: blocks(message).filter((block) => block.type !== 'header') });
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<https://evil');
    expect(message.text).toBe('New SQL: Bob &lt;!channel&gt;, A&amp;B &lt;https://evil.example|click&gt;: requested a demo; fit A passed the gate of B or better');
    expect(blocks(message)[1]?.fields?.map((field) => field.text)).toEqual(expect.arrayContaining(['*Title*\nR&amp;D &lt;b&gt;', '*Owner*\nx']));
    expect(section(message, 'Latest journey')).toContain('search: &lt;!here&gt; &amp; more');
    expect(blocks(message)[0]?.text?.text).toBe('New SQL: Bob <!channel>, A&B <https://evil.example|click>');
  });

  it('should keep within Slack limits', () => {
    const long = 'x'.repeat(5000);
    const message = slackMessage(alert({}, { profile: { name: long, company: { name: long } }, reason: { kind: 'fast_track', action: long } }));
    for (const block of blocks(message)) {
      if (block.type === 'header') expect(block.text?.text.length).toBeLessThanOrEqual(150);
      if (block.text?.type === 'mrkdwn') expect(block.text.text.length).toBeLessThanOrEqual(3000);
      for (const field of block.fields ?? []) expect(field.text.length).toBeLessThanOrEqual(2000);
    }
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('should not cut an escaped character in half', () => {
    const message = slackMessage(alert({}, { reason: { kind: 'fast_track', action: '&'.repeat(1000) } }));
    expect(section(message, 'Why now')).toMatch(/(&amp;)+…$/);
  });

  it('should have no button without a link template', () => {
    const message = slackMessage(alert());
    expect(blocks(message).some((block) => block.type === 'actions')).toBe(false);
    expect(allText(message)).not.toContain('"url"');
    expect(allText(message)).toContain('Lead `lead-42` · qualification `q-1`');
  });

  it('should link the button to the filled template', () => {
    const message = slackMessage(alert({}, { leadId: 'lead 42/x' }), 'https://crm.example/leads/{leadId}?q={qualificationId}&s={stage}');
    const actions = blocks(message).find((block) => block.type === 'actions');
    expect(actions?.elements?.[0]).toMatchObject({ type: 'button', text: { type: 'plain_text', text: 'Open lead' }, url: 'https://crm.example/leads/lead%2042%2Fx?q=q-1&s=sql' });
  });

  it('should leave the button out when the template does not make a web link', () => {
    const message = slackMessage(alert(), 'javascript:alert({leadId})');
    expect(blocks(message).some((block) => block.type === 'actions')).toBe(false);
  });
});
