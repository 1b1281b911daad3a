import { alert, REASONS } from '../../slack/__tests__/alert.fixture';
import { emailMessage } from '../email-message';

describe('emailMessage', () => {
  it('should carry who, company, stage, grade and score, why now, signals, journey and link in the text', () => {
    const message = emailMessage(alert(), 'https://crm.example/leads/{leadId}');
    expect(message.subject).toBe('New SQL: Ada Lovelace, Northwind');
    expect(message.text).toBe(
      [
        'New SQL: Ada Lovelace, Northwind',
        '',
        'Lead: Ada Lovelace',
        'Company: Northwind',
        'Title: CTO',
        'Stage: SQL (from MQL)',
        'Grade · score: A · 140 (engagement 70 + fit 70)',
        'Owner: Grace Hopper',
        'Why now: requested a demo; fit A passed the gate of B or better',
        '',
        'Top signals:',
        '- demo requested +40',
        '- pricing page view +30',
        '',
        'Latest journey:',
        '- 2024-05-01 09:01 UTC · page view: /blog/2',
        '- 2024-05-01 09:02 UTC · search: baton vs acme',
        '- 2024-05-01 09:03 UTC · content download: ROI whitepaper',
        '- 2024-05-01 09:04 UTC · page view: /pricing',
        '- 2024-05-01 09:05 UTC · demo requested',
        '',
        'Open lead: https://crm.example/leads/lead-42',
        'Lead lead-42 · qualification q-1',
        '',
      ].join('\n'),
    );
  });

  it('should carry the same facts in the HTML as in the text', () => {
    const message = emailMessage(alert(), 'https://crm.example/leads/{leadId}');
    const htmlText = message.html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
    for (const fact of [
      'Ada Lovelace',
      'Northwind',
      'CTO',
      'SQL (from MQL)',
      'A · 140 (engagement 70 + fit 70)',
      'Grace Hopper',
      'requested a demo',
      'demo requested +40',
      'pricing page view +30',
      '2024-05-01 09:04 UTC · page view: /pricing',
      'lead-42',
      'q-1',
    ]) {
      expect(message.text).toContain(fact);
      expect(htmlText).toContain(fact);
    }
    expect(message.html).toContain('<a href="https://crm.example/leads/lead-42">Open lead</a>');
    expect(message.html).not.toContain('/blog/1');
  });

  it.each([
    [{ stage: 'mql', reason: REASONS.score_threshold }, 'Why now: engagement 55 reached the MQL threshold of 50; fit A passed the gate of B or better'],
    [{ reason: REASONS.criteria }, 'Why now: score 125 with budget, authority, need confirmed; fit B passed the gate of C or better'],
    [{ reason: REASONS.activities }, 'Why now: 3 high-intent activities in 30 days: pricing page view, webinar attended, content download; fit C passed the gate of C or better'],
  ] as const)('should say why now like Slack does (%#)', (overrides, expected) => {
    expect(emailMessage(alert({}, overrides)).text).toContain(expected);
  });

  it('should escape what the lead supplied in the HTML', () => {
    const message = emailMessage(
      alert(
        { owner: { id: 'o', name: 'Eve "the" <owner>' } },
        {
          profile: { name: '<script>alert(1)</script>', company: { name: "O'Neil & Co" } },
          journey: [{ at: '2024-05-01T09:00:00Z', type: 'search', points: 0, detail: '<img src=x onerror=alert(1)>' }],
        },
      ),
      'https://crm.example/x?a={leadId}&b="',
    );
    expect(message.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/);
    expect(message.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(message.html).toContain('O&#39;Neil &amp; Co');
    expect(message.html).toContain('Eve &quot;the&quot; &lt;owner&gt;');
    expect(message.html).toContain('href="https://crm.example/x?a=lead-42&amp;b=&quot;"');
    expect(message.text).toContain('Lead: <script>alert(1)</script>');
  });

  it('should keep the subject on one line and have no link without a template', () => {
    const message = emailMessage(alert({}, { profile: { name: 'Ada\r\nBcc: x@evil.example' } }));
    expect(message.subject).toBe('New SQL: Ada Bcc: x@evil.example');
    expect(message.text).not.toContain('Open lead');
    expect(message.html).not.toContain('<a ');
  });
});
