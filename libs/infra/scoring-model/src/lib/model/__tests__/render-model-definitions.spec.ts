import type { DecayPolicy, ScoringModel } from '@baton/scoring-domain';
import { parseScoringModel } from '../parse-scoring-model';
import { renderModelDefinitions } from '../render-model-definitions';
import { DEFAULT_MODEL_TEXT } from './default-model.fixture';

describe('renderModelDefinitions', () => {
  const model = parseScoringModel(DEFAULT_MODEL_TEXT);
  const text = renderModelDefinitions(model);

  it('should title the document with the model version', () => {
    expect(text.startsWith('# Lead scoring definitions: model b2b-default-4\n')).toBe(true);
  });

  it('should list every rule by id and description', () => {
    for (const rule of [...model.engagement.rules, ...model.fit.rules]) {
      expect(text).toContain(`\`${rule.id}\``);
      expect(text).toContain(rule.description ?? rule.id);
    }
  });

  it('should say in words what each engagement rule catches, its points and its cap', () => {
    expect(text).toContain(
      '| `pricing_page_view` | A visit to the pricing page, the strongest sign of buying interest on the website. | `page_view` where `url` matches `/pricing` | +15 | at most 45 points a week |',
    );
    expect(text).toContain('| `email_opened` | A marketing e-mail opened. | `email_opened` | +2 | at most 5 events a week |');
    expect(text).toContain('| `marked_spam` | Marked one of our e-mails as spam. | `marked_spam` | -30 | none |');
    expect(text).toContain('engagement halves after 30 days without activity');
  });

  it('should keep a | inside a pattern from breaking the table', () => {
    const careers = text.split('\n').find((line) => line.startsWith('| `careers_page_view`')) ?? '';
    expect(careers).toContain('`/careers\\|/jobs`');
    expect(careers.split(/(?<!\\)\|/).length).toBe('| Rule | Meaning | When | Points | Cap |'.split('|').length);
  });

  it('should list each search-intent stage with its keywords and points', () => {
    expect(text).toContain('## Search intent');
    for (const [stage, intentClass] of Object.entries(model.engagement.intent.classes)) {
      const row = text.split('\n').find((line) => line.toLowerCase().startsWith(`| ${stage}`)) ?? '';
      expect(row).toContain(intentClass.keywords.join(', '));
      expect(row).toContain(`+${intentClass.points}`);
    }
  });

  it('should group fit rules by category and give the grade bands', () => {
    expect(text).toContain('## How fit is scored');
    for (const heading of ['### Demographic', '### Firmographic', '### Technographic', '### Qualification']) expect(text).toContain(heading);
    expect(text).toContain('`company.employees` is between 50 and 999');
    expect(text).toContain('`seniority` is unknown and `jobTitle` matches');
    expect(text).toContain('`bant.budget` is true');
    expect(text).toContain('- **A**: fit 60 or more\n- **B**: 40-59\n- **C**: 20-39\n- **D**: below 20\n');
  });

  it('should say in plain words what moves a lead through each stage', () => {
    const section = text.slice(text.indexOf('## Stages and what moves a lead\n'));
    expect(text).not.toContain('What makes an MQL here');
    expect(section).toContain(
      '- **Contact**: a visitor becomes a contact when we can tell who it is: on an event of type `form_submitted`, `content_download`, `webinar_registered`, ' +
        '`webinar_attended`, `demo_requested`, `contact_sales`, `quote_requested`, `meeting_booked`, `pricing_requested`, `callback_requested` or `trial_started`, or once `email` is known.\n',
    );
    expect(section).toContain('- **MQL** (marketing qualified): engagement of at least 50 and any fit grade (the lowest too, because a lead we know nothing about yet');
    expect(section).toContain(
      '  - fast track: an event of type `demo_requested`, `meeting_booked`, `contact_sales`, `callback_requested`, `quote_requested` or `pricing_requested`, reaching Baton within 14 days of happening, from a lead with a fit grade of C or better hands it to sales at once;\n',
    );
    expect(section).toContain(
      'a score (engagement + fit) of at least 120 with 3 of 4 BANT criteria known and satisfied (budget, authority, need, timeline), from a lead with a fit grade of C or better;',
    );
    expect(section).toContain(
      '2 different high-intent activities among `intent_transactional`, `trial_ending`, `pricing_requested`, `quote_requested` within 14 days, from a lead with a fit grade of C or better.',
    );
    expect(section).toContain('after 90 days without activity, or when sales rejects it; it may qualify again after +20 engagement (gained since it was recycled).');
    expect(section).toContain(
      '  - `competitor`: on the profile, `email` matches `@(hubspot|marketo|salesforce|pardot)\\.com$`. Works for a competitor (HubSpot, Marketo, Salesforce, Pardot), by e-mail domain.\n',
    );
    expect(section).toContain('  - `student_seniority`: on the profile, `seniority` is `student`. A student, who reads our content but will not buy, by enriched seniority.\n');
    expect(section).toContain('  - `hard_bounce`: an event of type `email_bounced` where `bounceType` is `hard`. An e-mail to the lead bounced permanently, so the address is invalid.\n');
  });

  it('should mention only the SQL paths and disqualify rules a model has', () => {
    const { fastTrack, criteria, ...rest } = model.stages.sql;
    const changed: ScoringModel = { ...model, stages: { ...model.stages, mql: { minEngagement: 70, minGrade: 'A' }, sql: rest, disqualify: [] } };
    const lowest: ScoringModel = { ...model, stages: { ...model.stages, mql: { minEngagement: 70, minGrade: 'D', lowestGradeBecause: 'we have no enrichment yet' } } };
    expect(renderModelDefinitions(lowest)).toContain('engagement of at least 70 and any fit grade (the lowest too, because we have no enrichment yet).');
    const section = renderModelDefinitions(changed).split('## Stages and what moves a lead')[1] ?? '';
    expect(section).toContain('engagement of at least 70 and a fit grade of A.');
    expect(section).not.toContain('fast track');
    expect(section).not.toContain('BANT');
    expect(section).toContain('2 different high-intent activities');
    expect(section).toContain('- **Disqualify**: no rule disqualifies a lead.');
    expect([fastTrack, criteria].every((path) => path !== undefined)).toBe(true);
  });

  it('should render the same text every time, with no dates', () => {
    expect(renderModelDefinitions(model)).toBe(text);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it.each<[DecayPolicy, string]>([
    [{ mode: 'none' }, 'engagement does not fade'],
    [{ mode: 'linear', points: 5, periodDays: 7 }, 'engagement drops by 5 points for every 7 days without activity'],
    [{ mode: 'window', days: 90 }, 'only the last 90 days of activity count'],
    [{ mode: 'half_life', halfLifeDays: 1 }, 'engagement halves after 1 day without activity'],
  ])('should put decay %j in words', (decay, words) => {
    const changed: ScoringModel = { ...model, engagement: { ...model.engagement, decay } };
    expect(renderModelDefinitions(changed)).toContain(words);
  });
});
