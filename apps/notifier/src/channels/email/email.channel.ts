import nodemailer, { type NodemailerError, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import type { Alert, AlertChannel, AttemptResult } from '../channel';
import { emailMessage } from './email-message';

export interface EmailChannelConfig {
  readonly id: string;
  /** `smtp://user:pass@host:port` or `smtps://…`: holds credentials, never logged. */
  readonly smtpUrl: string;
  readonly from: string;
  readonly to: readonly string[];
  /** Also send to the alert owner's e-mail, when the owner has one. */
  readonly toOwner: boolean;
  readonly linkTemplate?: string;
  readonly timeoutMs: number;
  readonly maxConcurrency: number;
}

/** Errors that are Baton's configuration or the message itself: a retry sends the same thing again. */
const TERMINAL_CODES = new Set(['ECONFIG', 'ENOAUTH', 'EENVELOPE', 'EMAXRECIPIENTS', 'EREQUIRETLS', 'EFILEACCESS', 'EURLACCESS']);

/**
 * Sends an alert by SMTP. The outcome in the shared retry policy's terms: accepted -> status 200; a transient
 * SMTP reply (4xx, 503) or no answer (connection, timeout) -> network, retried; a permanent SMTP reply (5xx,
 * such as 550 mailbox unavailable) or nobody to send to -> refused, terminal. Reasons carry codes only, never
 * addresses or server text (which often quotes them). The Message-ID derives from the alert id, so a retry
 * that reaches a mailbox twice is recognisably the same message.
 */
export class EmailChannel implements AlertChannel {
  readonly type = 'email' as const;
  readonly id: string;
  readonly maxConcurrency: number;
  readonly timeoutMs: number;
  private readonly transport: Transporter<SMTPSentMessageInfo>;

  constructor(private readonly config: EmailChannelConfig) {
    this.id = config.id;
    this.maxConcurrency = config.maxConcurrency;
    this.timeoutMs = config.timeoutMs;
    const protocol = safeProtocol(config.smtpUrl);
    if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new Error(`e-mail channel ${config.id}: smtpUrl must be an smtp:// or smtps:// URL`);
    this.transport = nodemailer.createTransport({
      url: config.smtpUrl,
      connectionTimeout: config.timeoutMs,
      greetingTimeout: config.timeoutMs,
      socketTimeout: config.timeoutMs,
      // The message is built from text only: nothing in it may make nodemailer read files or fetch URLs.
      disableFileAccess: true,
      disableUrlAccess: true,
      logger: false,
    });
  }

  async send(alert: Alert): Promise<AttemptResult> {
    const to = recipients(this.config, alert);
    if (to.length === 0) return { kind: 'refused', reason: 'no e-mail recipient' };
    const message = emailMessage(alert, this.config.linkTemplate);
    try {
      const info = await this.transport.sendMail({
        from: this.config.from,
        to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId: messageIdFor(alert.alertId),
        headers: { 'Auto-Submitted': 'auto-generated' },
        // An attempt ends after timeoutMs overall, not only after that long without a byte.
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      // Some recipients may have been refused; those accepted have the message, and a retry would repeat it to them.
      return info.accepted.length > 0 ? { kind: 'status', status: 200 } : { kind: 'refused', reason: 'SMTP: no recipient accepted' };
    } catch (error) {
      return attemptOfError(error);
    }
  }

  /** Closes the transport's connections (shutdown). */
  close(): void {
    this.transport.close();
  }
}

/** `<alertId@baton>`, with anything outside a safe subset of RFC 5322 atext percent-encoded. */
export function messageIdFor(alertId: string): string {
  const local = Array.from(Buffer.from(alertId, 'utf8'))
    .map((byte) => {
      const char = String.fromCharCode(byte);
      return /^[A-Za-z0-9_=+-]$/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `<${local}@baton>`;
}

/** What a failed send means for the delivery. Exported for the tests of the cases no server reproduces. */
export function attemptOfError(error: unknown): AttemptResult {
  const err = (error ?? {}) as NodemailerError;
  const code = typeof err.code === 'string' ? err.code : undefined;
  const responseCode = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const rejected = Array.isArray(err.rejectedErrors) ? err.rejectedErrors : [];
  if (responseCode !== undefined) {
    // All recipients refused: worth a retry if any of them was refused only for now.
    const transient = rejected.length > 0 ? rejected.some((each) => !isPermanent(each)) : !isPermanent(err);
    const reason = `SMTP ${responseCode}${commandOf(err)}${code ? ` (${code})` : ''}`;
    return transient ? { kind: 'network', reason } : { kind: 'refused', reason };
  }
  if (err.name === 'AbortError' || code === 'EABORT') return { kind: 'network', reason: 'SMTP timeout (attempt deadline)' };
  if (code !== undefined && TERMINAL_CODES.has(code)) return { kind: 'refused', reason: `SMTP ${code}` };
  const detail = err.timeoutType ?? err.originalCode;
  return { kind: 'network', reason: `SMTP ${code ?? 'error'}${detail ? ` (${detail})` : ''}` };
}

function isPermanent(err: NodemailerError): boolean {
  if (typeof err.permanent === 'boolean') return err.permanent;
  const responseCode = err.responseCode;
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode !== 503;
}

/** ` on RCPT TO`: the command's verb only, its arguments are addresses. */
function commandOf(err: NodemailerError): string {
  const verb = typeof err.command === 'string' ? /^[A-Za-z]+(?: (?:TO|FROM))?/i.exec(err.command.trim())?.[0] : undefined;
  return verb ? ` on ${verb.toUpperCase()}` : '';
}

function recipients(config: EmailChannelConfig, alert: Alert): string[] {
  const all = [...config.to, ...(config.toOwner && alert.owner?.email ? [alert.owner.email] : [])];
  const seen = new Set<string>();
  return all.filter((address) => {
    const key = address.trim().toLowerCase();
    if (key === '' || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function safeProtocol(url: string): string | undefined {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
}
