import { scoreHistory } from '@baton/scoring-domain';
import { mapLeadInputs } from '../lead-inputs.mapper';
import { loadModel, readLeads } from '../load-leads';
import { causesOf, evaluateLeadOffline, evaluateOffline } from '../offline-evaluation';

// The whole file (9,240 leads) through the pure domain: a few seconds, no infrastructure.
describe('the offline evaluation on leads.csv', () => {
  const leads = readLeads().map((lead) => ({ inputs: mapLeadInputs(lead, `xed-${lead.prospectId}`), converted: lead.converted }));

  it('should rank real leads with the b2c-courses model at a ROC AUC of at least 0.86, without the leaking columns', () => {
    const { model } = loadModel('b2c-courses');
    const { figures } = evaluateOffline(model, leads);
    expect(figures.leads).toBe(9240);
    expect(figures.converted).toBe(3561);
    expect(figures.auc).toBeGreaterThanOrEqual(0.86);
    // the stages mean something: MQLs convert far more than the leads left out, SQLs more than MQLs
    expect(figures.mql.leads + figures.leftOut.leads).toBe(9240);
    expect(figures.sql.conversionRate ?? 0).toBeGreaterThan(figures.mql.conversionRate ?? 1);
    expect(figures.mql.conversionRate ?? 0).toBeGreaterThan(2 * (figures.leftOut.conversionRate ?? 1));
  });

  it('should score each lead as scoreHistory does over the same causes', () => {
    const { model } = loadModel('b2c-courses');
    for (const { inputs } of leads.slice(0, 200)) expect(evaluateLeadOffline(model, inputs).score).toBe(scoreHistory(model, causesOf(inputs)).score);
  });
});
