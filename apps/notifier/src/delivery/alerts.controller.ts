import { BadRequestException, Body, Controller, Get, HttpCode, HttpStatus, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { NotifierEnv } from '@baton/config';
import { ID_PATTERN } from '@baton/contracts';
import { DeliveryStore, type AttemptLogEntry, type DeliveryRecord, type DeliveryStatus } from './delivery.store';

export interface AlertView {
  readonly alertId: string;
  readonly qualificationId: string;
  readonly leadId: string;
  readonly stage: string;
  readonly channel: string;
  readonly team?: string;
  readonly ownerId?: string;
  readonly status: DeliveryStatus;
  readonly createdAt: string;
  readonly deliveredAt?: string;
  readonly lastResult?: string;
  /** Every attempt: when, what came of it, the status code and how long it took. */
  readonly attempts: readonly AttemptLogEntry[];
}

/** The delivery log, and the dead letters with a way to send them again. */
@Controller('v1/alerts')
export class AlertsController {
  constructor(
    private readonly store: DeliveryStore,
    private readonly config: NotifierEnv,
  ) {}

  @Get()
  async forLead(@Query('leadId') leadId: unknown): Promise<{ leadId: string; alerts: AlertView[] }> {
    const id = requireLeadId(leadId);
    return { leadId: id, alerts: (await this.store.forLead(id)).map(({ record, attempts }) => view(record, attempts)) };
  }

  @Get('dead-letters')
  async deadLetters(): Promise<{ alerts: AlertView[] }> {
    const dead = await this.store.deadLetters();
    const views = await Promise.all(dead.map(async ({ leadId, alertId }) => (await this.store.forLead(leadId)).find((entry) => entry.record.alertId === alertId)));
    return { alerts: views.filter((entry) => entry !== undefined).map((entry) => view(entry.record, entry.attempts)) };
  }

  /** Sends a dead-lettered alert again, with a fresh retry period; `{ "leadId": "…" }` names its lead. */
  @Post(':alertId/resend')
  @HttpCode(HttpStatus.ACCEPTED)
  async resend(@Param('alertId') alertId: string, @Body() body: unknown): Promise<{ alertId: string; status: 'retrying' }> {
    const leadId = requireLeadId(typeof body === 'object' && body !== null ? (body as { leadId?: unknown }).leadId : undefined);
    const resent = await this.store.resend(leadId, alertId, Date.now() + this.config.NOTIFIER_RETRY_PERIOD_MS);
    if (!resent) throw new NotFoundException({ statusCode: 404, error: 'Not Found', code: 'NOTIFIER.NO_DEAD_ALERT', message: `no dead-lettered alert ${alertId} for lead ${leadId}` });
    return { alertId, status: 'retrying' };
  }
}

function requireLeadId(value: unknown): string {
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'invalid request', violations: [{ path: 'leadId', message: 'is required: a lead id' }] });
}

function view(record: DeliveryRecord, attempts: readonly AttemptLogEntry[]): AlertView {
  return {
    alertId: record.alertId,
    qualificationId: record.qualification.qualificationId,
    leadId: record.leadId,
    stage: record.qualification.stage,
    channel: record.channelId,
    team: record.team,
    ownerId: record.owner?.id,
    status: record.status,
    createdAt: record.createdAt,
    deliveredAt: record.deliveredAt,
    lastResult: record.lastResult,
    attempts,
  };
}
