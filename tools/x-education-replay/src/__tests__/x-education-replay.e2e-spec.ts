import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scoreHistory } from '@baton/scoring-domain';
import { FreshRun } from '@baton/testing';
import { mapLeadInputs } from '../lead-inputs.mapper';
import { loadModel, readLeads } from '../load-leads';
import { causesOf } from '../offline-evaluation';
import type { ReplayedLead, ReplayReport } from '../replay-x-education';

const LIMIT = 300;

// `npm run replay:x-education` as a user runs it on a fresh state directory (a broker and a Redis started for the
// first time), on the first leads of leads.csv, through the four built services: the system must score every real
// lead exactly as the pure model does.
describe('the X Education replay through the running system', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xed-replay-'));
  const reportPath = join(dir, 'report.json');

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('should end every lead at the pure model score, with stage counts that add up and the JSON report written', async () => {
    const run = new FreshRun(['run', 'replay:x-education', '--', '--model', 'b2c-courses', '--limit', String(LIMIT), '--report', reportPath]);
    try {
      const exit = await run.exit(580_000);
      if (exit.code !== 0) throw new Error(`npm run replay:x-education exited ${exit.code ?? exit.signal}:\n${run.printed.slice(-5000)}`);
      expect(run.leftovers()).toEqual([]);
    } finally {
      run.cleanUp();
    }
    const { perLead: leads, ...report } = JSON.parse(readFileSync(reportPath, 'utf8')) as ReplayReport & { perLead: ReplayedLead[] };

    // Scoring is deterministic: the system's final score is the pure domain's over the same causes, as of the time the
    // lead's latest cause entered the log.
    const { model } = loadModel('b2c-courses');
    const rows = new Map(readLeads(undefined, LIMIT).map((row) => [row.prospectId, row]));
    expect(leads).toHaveLength(LIMIT);
    for (const lead of leads) {
      const row = rows.get(lead.prospectId);
      if (row === undefined) throw new Error(`no row for ${lead.prospectId}`);
      const expected = scoreHistory(model, causesOf(mapLeadInputs(row, lead.leadId, report.timelineAnchor)), lead.asOf).score;
      expect({ leadId: lead.leadId, score: lead.score }).toEqual({ leadId: lead.leadId, score: expected });
    }
    expect(report.scoreMismatches).toBe(0);

    // The counts are the stages read back from lifecycle, and they add up.
    const qualified = leads.filter((lead) => lead.reached.includes('mql') || lead.reached.includes('sql'));
    expect(report.system.leads).toBe(LIMIT);
    expect(report.system.mql.leads).toBe(qualified.length);
    expect(report.system.sql.leads).toBe(leads.filter((lead) => lead.reached.includes('sql')).length);
    expect(report.system.mql.leads + report.system.leftOut.leads).toBe(LIMIT);
    expect(report.system.mql.converted + report.system.leftOut.converted).toBe(report.system.converted);
    expect(report.system.converted).toBe(leads.filter((lead) => lead.converted).length);
    expect(report.leads).toBe(LIMIT);
  }, 600_000);
});
