import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresScope } from '@baton/api-auth';
import { NotifierEnv } from '@baton/config';
import { ID_PATTERN } from '@baton/contracts';
import { invalidRequest, ProblemException } from '@baton/service-runtime';
import { parseTraceparent } from '@baton/telemetry';
import { AlertsForLeadApiDocs, DeadLettersApiDocs, ResendAlertApiDocs } from './alerts.api-docs';
import type { AttemptLogEntry, DeliveryRecord, DeliveryStatus } from './delivery-record';
import { DeliveryStore } from './delivery.store';

export interface AlertView {
  readonly alertId: string;
  readonly qualificationId: string;
  readonly leadId: string;
  /** The qualified stage; unknown on a restored alert. */
  readonly stage?: string;
  readonly channel: string;
  readonly team?: string;
  readonly ownerId?: string;
  readonly status: DeliveryStatus;
  readonly createdAt: string;
  readonly deliveredAt?: string;
  readonly lastResult?: string;
  /** Every attempt: when, what came of it, the status code and how long it took. */
  readonly attempts: readonly AttemptLogEntry[];
  /** The correlation id of the request the alert goes back to, and its W3C trace id when there is one. */
  readonly correlationId: string;
  readonly traceId?: string;
  /**
   * On an alert restored by `notifier:rebuild` from its alert.sent event after Redis was lost: when, and after how
   * many attempts it had been delivered. Its stage and attempt log were lost; `createdAt` is its delivery time.
   */
  readonly restored?: { readonly at: string; readonly attempts: number };
}

/** The delivery log, and the dead letters with a way to send them again. */
@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly store: DeliveryStore,
    private readonly config: NotifierEnv,
  ) {}

  @Get()
  @RequiresScope('alerts:read')
  @ApiOperation({ summary: "Read a lead's delivery log", description: 'Every alert of the lead, one per channel of each qualification, with its status and every attempt.' })
  @AlertsForLeadApiDocs()
  async forLead(@Query('leadId') leadId: unknown): Promise<{ leadId: string; alerts: AlertView[] }> {
    const id = requireLeadId(leadId);
    return { leadId: id, alerts: (await this.store.forLead(id)).map(({ record, attempts }) => view(record, attempts)) };
  }

  @Get('dead-letters')
  @RequiresScope('alerts:read')
  @ApiOperation({ summary: 'List the dead-lettered alerts', description: 'The alerts given up on after their retry period (NOTIFIER_RETRY_PERIOD_MS), to fix and send again.' })
  @DeadLettersApiDocs()
  async deadLetters(): Promise<{ alerts: AlertView[] }> {
    const dead = await this.store.deadLetters();
    const views = await Promise.all(dead.map(async ({ leadId, alertId }) => (await this.store.forLead(leadId)).find((entry) => entry.record.alertId === alertId)));
    return { alerts: views.filter((entry) => entry !== undefined).map((entry) => view(entry.record, entry.attempts)) };
  }

  /** Sends a dead-lettered alert again, with a fresh retry period; `{ "leadId": "…" }` names its lead. */
  @Post(':alertId/resend')
  @RequiresScope('alerts:write')
  @ApiOperation({ summary: 'Send a dead-lettered alert again', description: 'Queues it again with a fresh retry period; the receiver sees the same `webhook-id` (the alert id) and can deduplicate.' })
  @ResendAlertApiDocs()
  @HttpCode(HttpStatus.ACCEPTED)
  async resend(@Param('alertId') alertId: string, @Body() body: unknown): Promise<{ alertId: string; status: 'retrying' }> {
    const leadId = resendLeadId(body);
    const resent = await this.store.resend(leadId, alertId, Date.now() + this.config.NOTIFIER_RETRY_PERIOD_MS);
    if (!resent) throw new ProblemException(404, 'NOTIFIER.NO_DEAD_ALERT', `no dead-lettered alert ${alertId} for lead ${leadId}`);
    return { alertId, status: 'retrying' };
  }
}

/** The body of a resend is `{ "leadId": "…" }` and nothing else: an unknown field is refused by name, like everywhere. */
function resendLeadId(body: unknown): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('invalid request', [{ path: '', message: 'must be a JSON object: { "leadId": "…" }' }]);
  const unknown = Object.keys(body).filter((name) => name !== 'leadId');
  if (unknown.length > 0)
    throw invalidRequest(
      'invalid request',
      unknown.map((name) => ({ path: name, message: 'property should not exist' })),
    );
  return requireLeadId((body as { leadId?: unknown }).leadId);
}

function requireLeadId(value: unknown): string {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  throw invalidRequest('invalid request', [{ path: 'leadId', message: 'is required: a lead id' }]);
}

function view(record: DeliveryRecord, attempts: readonly AttemptLogEntry[]): AlertView {
  return {
    alertId: record.alertId,
    qualificationId: record.qualificationId,
    leadId: record.leadId,
    stage: record.qualification?.stage,
    channel: record.channelId,
    team: record.team,
    ownerId: record.ownerId,
    status: record.status,
    createdAt: record.createdAt,
    deliveredAt: record.deliveredAt,
    lastResult: record.lastResult,
    attempts,
    correlationId: record.trace.correlationId,
    traceId: parseTraceparent(record.trace.traceparent)?.traceId,
    ...(record.restoredAt === undefined ? {} : { restored: { at: record.restoredAt, attempts: record.attempts } }),
  };
}
