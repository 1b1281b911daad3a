import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { ALERTS_SENT_TOPIC, LEAD_QUALIFIED_TOPIC } from '@baton/contracts';

/** The settings of a topic that decide what it still holds (`-1`: no limit). */
export interface TopicRetention {
  readonly retentionMs?: string;
  readonly retentionBytes?: string;
  readonly cleanupPolicy?: string;
}

const CONFIG_NAMES = ['retention.ms', 'retention.bytes', 'cleanup.policy'];
const DAY_MS = 86_400_000;

export async function describeRetention(admin: Admin): Promise<{ alertsSent: TopicRetention; leadQualified: TopicRetention }> {
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: [ALERTS_SENT_TOPIC, LEAD_QUALIFIED_TOPIC].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: CONFIG_NAMES })),
  });
  const of = (topic: string): TopicRetention => {
    const entries = described.resources.find((resource) => resource.resourceName === topic)?.configEntries ?? [];
    const value = (name: string): string | undefined => entries.find((entry) => entry.configName === name)?.configValue;
    return { retentionMs: value('retention.ms'), retentionBytes: value('retention.bytes'), cleanupPolicy: value('cleanup.policy') };
  };
  return { alertsSent: of(ALERTS_SENT_TOPIC), leadQualified: of(LEAD_QUALIFIED_TOPIC) };
}

/**
 * What the rebuild cannot protect, given how long alerts-sent keeps its messages: an alert whose alert.sent is gone
 * leaves no record, so its qualification, consumed again (from lead-qualified, or re-emitted by lifecycle when
 * scoring's rebuild replays the engagement log, which is kept forever), is alerted again.
 */
export function retentionWarnings(alertsSent: TopicRetention, leadQualified: TopicRetention): string[] {
  const warnings: string[] = [];
  if (alertsSent.cleanupPolicy?.includes('compact') === true) {
    warnings.push(`${ALERTS_SENT_TOPIC} is compacted (cleanup.policy=${alertsSent.cleanupPolicy}): keyed by lead, it keeps only each lead's latest alert, the others cannot be restored`);
  }
  const alertsMs = limitOf(alertsSent.retentionMs);
  const qualifiedMs = limitOf(leadQualified.retentionMs);
  if (alertsMs !== undefined && (qualifiedMs === undefined || alertsMs < qualifiedMs)) {
    warnings.push(
      `${ALERTS_SENT_TOPIC} keeps messages for ${duration(alertsMs)}, ${LEAD_QUALIFIED_TOPIC} for ${qualifiedMs === undefined ? 'ever' : duration(qualifiedMs)}: a qualification delivered more than ${duration(alertsMs)} ago is alerted again when the notifier reads ${LEAD_QUALIFIED_TOPIC} from its start`,
    );
  }
  if (alertsMs !== undefined) {
    warnings.push(
      `${ALERTS_SENT_TOPIC} keeps messages for ${duration(alertsMs)}: a qualification delivered before that and re-emitted by lifecycle after a scoring rebuild is alerted again (retention.ms=-1 on the topic keeps every alert restorable)`,
    );
  }
  const alertsBytes = limitOf(alertsSent.retentionBytes);
  if (alertsBytes !== undefined) warnings.push(`${ALERTS_SENT_TOPIC} keeps at most ${alertsBytes} bytes per partition: the alerts it dropped cannot be restored`);
  return warnings;
}

function limitOf(value: string | undefined): number | undefined {
  const limit = value === undefined ? Number.NaN : Number(value);
  return Number.isFinite(limit) && limit >= 0 ? limit : undefined;
}

function duration(ms: number): string {
  if (ms % DAY_MS === 0) return `${ms / DAY_MS} day(s)`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} hour(s)`;
  return `${ms} ms`;
}
