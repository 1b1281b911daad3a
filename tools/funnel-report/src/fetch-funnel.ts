import { requestJson } from '@baton/cli-kit';
import type { FunnelReport } from '@baton/lifecycle-domain';
import { API_KEY_VARIABLE, type FunnelArgs } from './parse-funnel-args';

export type FetchResult = { readonly ok: true; readonly report: FunnelReport } | { readonly ok: false; readonly message: string };

/** GET `<url>/v1/funnel?from=&to=` with the API key: the report, or why there is none (service unreachable, non-200 and its message). */
export async function fetchFunnel(args: FunnelArgs, timeoutMs = 10_000): Promise<FetchResult> {
  const answer = await requestJson({
    service: 'the lifecycle service',
    baseUrl: args.url,
    urlVariable: 'LIFECYCLE_URL',
    apiKey: args.apiKey,
    keyVariable: API_KEY_VARIABLE,
    path: `/v1/funnel?${new URLSearchParams({ from: args.from, to: args.to }).toString()}`,
    timeoutMs,
    read: readReport,
    expected: 'a funnel report',
    successStatus: 200,
  });
  return answer.ok ? { ok: true, report: answer.body } : { ok: false, message: answer.message };
}

function readReport(body: unknown): FunnelReport | undefined {
  const report = body as Partial<FunnelReport> | null | undefined;
  const complete =
    typeof report === 'object' &&
    report !== null &&
    typeof report.stageCounts === 'object' &&
    Array.isArray(report.cohorts) &&
    typeof report.mqlToSql === 'object' &&
    typeof report.salesAcceptance === 'object';
  return complete ? (report as FunnelReport) : undefined;
}
