import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerOptions } from 'smtp-server';
import { alert } from '../../slack/__tests__/alert.fixture';
import { EmailChannel, attemptOfError, messageIdFor, type EmailChannelConfig } from '../email.channel';

interface Delivered {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
  readonly user?: string;
}

function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** A real SMTP server on 127.0.0.1:0 that keeps what it receives. */
async function startSmtp(options: Partial<SMTPServerOptions> = {}): Promise<{ port: number; delivered: Delivered[]; close: () => Promise<void> }> {
  const delivered: Delivered[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'baton' && auth.password === 's3cret') callback(null, { user: auth.username });
      else callback(smtpError(535, 'bad credentials'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const envelope = session.envelope;
        const from = envelope.mailFrom === false ? '' : envelope.mailFrom.address;
        delivered.push({ from, to: envelope.rcptTo.map((address) => address.address), raw: Buffer.concat(chunks).toString('utf8'), user: session.user as string | undefined });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return { port, delivered, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Undoes quoted-printable: enough to read the parts back. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function config(port: number, overrides: Partial<EmailChannelConfig> = {}): EmailChannelConfig {
  return {
    id: 'email-sales',
    smtpUrl: `smtp://baton:s3cret@127.0.0.1:${port}`,
    from: 'Baton <alerts@baton.example>',
    to: ['sales@baton.example'],
    toOwner: false,
    linkTemplate: 'https://crm.example/leads/{leadId}',
    timeoutMs: 2000,
    maxConcurrency: 2,
    ...overrides,
  };
}

describe('EmailChannel', () => {
  const cleanups: (() => Promise<void> | void)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function smtp(options: Partial<SMTPServerOptions> = {}) {
    const server = await startSmtp(options);
    cleanups.push(server.close);
    return server;
  }

  function channel(channelConfig: EmailChannelConfig): EmailChannel {
    const created = new EmailChannel(channelConfig);
    cleanups.push(() => created.close());
    return created;
  }

  it('should deliver the alert with subject, text and HTML parts and a Message-ID from the alert id', async () => {
    const server = await smtp();
    const email = channel(config(server.port));

    const result = await email.send(alert({ alertId: 'q-1:email-sales' }));

    expect(result).toEqual({ kind: 'status', status: 200 });
    expect(email).toMatchObject({ id: 'email-sales', type: 'email', maxConcurrency: 2 });
    expect(server.delivered).toHaveLength(1);
    const [message] = server.delivered;
    expect(message?.user).toBe('baton');
    expect(message?.from).toBe('alerts@baton.example');
    expect(message?.to).toEqual(['sales@baton.example']);
    const raw = message?.raw ?? '';
    expect(raw).toMatch(/^Subject: New SQL: Ada Lovelace, Northwind\r?$/m);
    expect(raw).toMatch(/^Message-ID: <q-1%3Aemail-sales@baton>\r?$/im);
    expect(raw).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    expect(raw).toMatch(/^Content-Type: multipart\/alternative/m);
    expect(raw).toMatch(/^Content-Type: text\/plain; charset=utf-8\r?$/m);
    expect(raw).toMatch(/^Content-Type: text\/html; charset=utf-8\r?$/m);
    const decoded = decodeQuotedPrintable(raw);
    expect(decoded).toContain('Why now: requested a demo');
    expect(decoded).toContain('Grade · score: A · 140 (engagement 70 + fit 70)');
    expect(decoded).toContain('<a href="https://crm.example/leads/lead-42">Open lead</a>');
    expect(decoded).toContain('2024-05-01 09:05 UTC · demo requested');
  });

  it('should send the same Message-ID again when the same alert is retried', async () => {
    const server = await smtp();
    const email = channel(config(server.port));

    await email.send(alert());
    await email.send(alert());

    const ids = server.delivered.map((message) => /^Message-ID: (.*?)\r?$/im.exec(message.raw)?.[1]);
    expect(ids).toEqual(['<q-1%3Aslack-sales@baton>', '<q-1%3Aslack-sales@baton>']);
  });

  it('should add the owner as a recipient when toOwner is set', async () => {
    const server = await smtp();

    await channel(config(server.port, { toOwner: true })).send(alert());
    await channel(config(server.port, { toOwner: false })).send(alert());
    // The owner already among the recipients (any case) gets one copy.
    await channel(config(server.port, { toOwner: true, to: ['Grace@Baton.example'] })).send(alert());

    expect(server.delivered.map((message) => message.to)).toEqual([['sales@baton.example', 'grace@baton.example'], ['sales@baton.example'], ['Grace@baton.example']]);
  });

  it('should refuse when there is nobody to send to', async () => {
    const server = await smtp();

    const result = await channel(config(server.port, { to: [], toOwner: true })).send(alert({ owner: { id: 'o', name: 'No Mail' } }));

    expect(result).toEqual({ kind: 'refused', reason: 'no e-mail recipient' });
    expect(server.delivered).toHaveLength(0);
  });

  it('should be refused, without naming the address, when the server rejects the recipient with 550', async () => {
    const server = await smtp({
      onRcptTo(_address: SMTPServerAddress, _session, callback) {
        callback(smtpError(550, 'mailbox unavailable'));
      },
    });

    const result = await channel(config(server.port)).send(alert());

    expect(result).toEqual({ kind: 'refused', reason: 'SMTP 550 on RCPT TO (EENVELOPE)' });
    expect(JSON.stringify(result)).not.toMatch(/@|baton\.example/);
    expect(server.delivered).toHaveLength(0);
  });

  it('should be delivered when one of two recipients is refused', async () => {
    const server = await smtp({
      onRcptTo(address: SMTPServerAddress, _session, callback) {
        callback(address.address.startsWith('gone@') ? smtpError(550, 'mailbox unavailable') : null);
      },
    });

    const result = await channel(config(server.port, { to: ['gone@baton.example', 'sales@baton.example'] })).send(alert());

    expect(result).toEqual({ kind: 'status', status: 200 });
    expect(server.delivered.map((message) => message.to)).toEqual([['sales@baton.example']]);
  });

  it('should be a network failure, worth a retry, when the server answers 451', async () => {
    const server = await smtp({
      onRcptTo(_address: SMTPServerAddress, _session, callback) {
        callback(smtpError(451, 'try again later'));
      },
    });

    const result = await channel(config(server.port)).send(alert());

    expect(result).toEqual({ kind: 'network', reason: expect.stringMatching(/^SMTP 451/) });
  });

  it('should be a network failure when the server answers 451 to the message itself', async () => {
    const server = await smtp({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError(451, 'local error in processing')));
      },
    });

    await expect(channel(config(server.port)).send(alert())).resolves.toEqual({ kind: 'network', reason: expect.stringMatching(/^SMTP 451/) });
  });

  it('should be refused when the server rejects the message with 554', async () => {
    const server = await smtp({
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback(smtpError(554, 'rejected as spam')));
      },
    });

    await expect(channel(config(server.port)).send(alert())).resolves.toEqual({ kind: 'refused', reason: expect.stringMatching(/^SMTP 554/) });
  });

  it('should be a network failure when the server never greets (timeout)', async () => {
    const silent: TcpServer = createTcpServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const port = (silent.address() as AddressInfo).port;
    const started = Date.now();

    const result = await channel(config(port, { timeoutMs: 300 })).send(alert());

    expect(result).toEqual({ kind: 'network', reason: expect.stringMatching(/timeout|ETIMEDOUT/i) });
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('should be a network failure when nothing listens', async () => {
    const closed = await smtp();
    await closed.close();

    const result = await channel(config(closed.port)).send(alert());

    expect(result).toEqual({ kind: 'network', reason: 'SMTP ESOCKET (ECONNREFUSED)' });
  });

  it('should refuse a configuration that is not an SMTP URL', () => {
    expect(() => new EmailChannel(config(25, { smtpUrl: 'http://mail.example' }))).toThrow(/smtp:\/\/ or smtps:\/\//);
  });
});

describe('attemptOfError', () => {
  it.each([
    [
      {
        code: 'EENVELOPE',
        responseCode: 550,
        rejectedErrors: [
          { responseCode: 550, permanent: true },
          { responseCode: 452, permanent: false },
        ],
      },
      'network',
    ],
    [{ code: 'EENVELOPE', responseCode: 550, rejectedErrors: [{ responseCode: 550, permanent: true }] }, 'refused'],
    [{ code: 'EPROTOCOL', responseCode: 503 }, 'network'],
    [{ code: 'EAUTH', responseCode: 535, permanent: true }, 'refused'],
    [{ code: 'ECONNECTION' }, 'network'],
    [{ code: 'ETIMEDOUT', timeoutType: 'GREETING_TIMEOUT' }, 'network'],
    [{ code: 'EENVELOPE' }, 'refused'],
    [{ name: 'AbortError', code: 'EABORT' }, 'network'],
    [new Error('who knows'), 'network'],
  ])('should map %j to %s', (error, kind) => {
    expect(attemptOfError(error).kind).toBe(kind);
  });
});

describe('messageIdFor', () => {
  it('should keep safe characters and encode the rest', () => {
    expect(messageIdFor('q-1:email-sales')).toBe('<q-1%3Aemail-sales@baton>');
    expect(messageIdFor('a b<@>.é')).toBe('<a%20b%3C%40%3E%2E%C3%A9@baton>');
  });
});
