import { parseScoringModel } from '../parse-scoring-model';
import { renderModelDefinitions } from '../render-model-definitions';
import type { DecayPolicy, ScoringModel } from '../scoring-model';
import { DEFAULT_MODEL_TEXT } from './default-model.fixture';

describe('renderModelDefinitions', () => {
  const model = parseScoringModel(DEFAULT_MODEL_TEXT);
  const text = renderModelDefinitions(model, { mqlThreshold: 100 });

  it('should title the document with the model version', () => {
    expect(text.startsWith('# Lead scoring definitions: model b2b-default-1\n')).toBe(true);
  });

  it('should list every rule by id and description', () => {
    for (const rule of [...model.engagement.rules, ...model.fit.rules]) {
      expect(text).toContain(`\`${rule.id}\``);
      expect(text).toContain(rule.description ?? rule.id);
    }
  });

  it('should say in words what each engagement rule catches, its points and its cap', () => {
    expect(text).toContain('| `pricing_page_view` | A visit to the pricing page, the strongest sign of buying interest on the website. | `page_view` where `url` matches `/pricing` | +15 | at most 45 points a week |');
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

  it('should state the MQL rule only when a threshold is given', () => {
    expect(text).toContain('## What makes an MQL here');
    expect(text).toContain('engagement + fit, is at or above **100**');
    expect(renderModelDefinitions(model)).not.toContain('MQL');
  });

  it('should render the same text every time, with no dates', () => {
    expect(renderModelDefinitions(model, { mqlThreshold: 100 })).toBe(text);
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
