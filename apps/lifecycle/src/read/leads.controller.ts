import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '@baton/api-auth';
import type { FunnelReport } from '@baton/lifecycle-domain';
import { invalidRequest, ProblemException } from '@baton/service-runtime';
import { LeadViewQuery, type LeadView } from './lead-view.query';
import { FunnelApiDocs, ReadLeadApiDocs } from './leads.api-docs';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A real calendar day: 2026-02-30 does not roll over into March. */
const isDay = (value: unknown): value is string => typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value;

@Controller('v1')
export class LeadsController {
  constructor(private readonly query: LeadViewQuery) {}

  /** Stage, scores and grade, stage history, recent signals; 404 for a lead lifecycle has never heard of. */
  @Get('leads/:leadId')
  @RequiresScope('leads:read')
  @ApiTags('leads')
  @ApiOperation({
    summary: 'Read a lead',
    description: 'Its stage and since when, the latest scores and grade, the rules that earned most, the profile, every stage transition and the latest journey steps.',
  })
  @ReadLeadApiDocs()
  async lead(@Param('leadId') leadId: string): Promise<LeadView> {
    const view = await this.query.lead(leadId);
    if (view === undefined) throw new ProblemException(404, 'LIFECYCLE.UNKNOWN_LEAD', `no lead ${leadId}`);
    return view;
  }

  /** Counts per stage, and MQL cohorts (by the week they became MQLs) from `from` to `to`, both YYYY-MM-DD, inclusive. */
  @Get('funnel')
  @RequiresScope('funnel:read')
  @ApiTags('funnel')
  @ApiOperation({
    summary: 'Read the funnel',
    description: 'Counts per stage now, and the MQL cohorts of `from` to `to` by week with their conversion to SQL, the median time to SQL and sales acceptance. Reads every lead on each request.',
  })
  @FunnelApiDocs()
  async funnel(@Query('from') from: unknown, @Query('to') to: unknown): Promise<FunnelReport> {
    const violations = [...(isDay(from) ? [] : [{ path: 'from', message: 'must be a date, YYYY-MM-DD' }]), ...(isDay(to) ? [] : [{ path: 'to', message: 'must be a date, YYYY-MM-DD' }])];
    if (violations.length === 0 && (to as string) < (from as string)) violations.push({ path: 'to', message: 'must not be before from' });
    if (violations.length > 0) throw invalidRequest('invalid funnel range', violations);
    return this.query.funnel(from as string, to as string);
  }
}
