/**
 * A real SMTP server on 127.0.0.1 (a random port) for the distribution tests. It records every
 * message it accepts and when each recipient was tried, and can be told to fail chosen recipients:
 * a 421 reply (the server closes the connection), a 550 rejection, a connection dropped after the
 * message was transmitted but before it was accepted, or a message held unanswered until the
 * client goes away.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export type Fault = '421' | '550' | 'drop' | 'hold';

export interface Received {
  from: string;
  to: string[];
  raw: Buffer;
}

const smtpError = (code: number, text: string): Error =>
  Object.assign(new Error(text), { responseCode: code });

export class TestSmtpServer {
  readonly received: Received[] = [];
  /** Every RCPT TO seen, accepted or not, by address. */
  readonly attempts = new Map<string, number>();
  /** When each RCPT TO was seen (performance.now(), in ms), by address. */
  readonly attemptTimes = new Map<string, number[]>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly holds = new Map<string, () => void>();
  private readonly holdWaiters: ((recipient: string) => void)[] = [];
  private server!: SMTPServer;
  port = 0;

  /**
   * Start listening; with `auth`, only those credentials are accepted, and `rejection` is the
   * text of the 535 reply to any others (given the password that was tried).
   */
  static async start(auth?: {
    user: string;
    pass: string;
    rejection?: (password: string) => string;
  }): Promise<TestSmtpServer> {
    const t = new TestSmtpServer();
    const refusal = auth?.rejection ?? (() => 'Authentication credentials invalid');
    t.server = new SMTPServer({
      logger: false,
      disabledCommands: auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
      allowInsecureAuth: true,
      authOptional: !auth,
      onAuth: (a, _s, cb) =>
        a.username === auth?.user && a.password === auth?.pass
          ? cb(null, { user: a.username })
          : cb(smtpError(535, refusal(a.password ?? ''))),
      onRcptTo: (address, _session, cb) => t.onRcptTo(address.address, cb),
      onData: (stream, session, cb) => void t.onData(stream, session, cb),
      onClose: (session) => t.holds.get(session.id)?.(),
    });
    await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
    t.port = (t.server.server.address() as AddressInfo).port;
    return t;
  }

  url(credentials = ''): string {
    return `smtp://${credentials ? `${credentials}@` : ''}127.0.0.1:${this.port}`;
  }

  /** Fail the next `times` attempts to `recipient` with `fault` (Infinity: every attempt). */
  inject(recipient: string, fault: Fault, times = 1): void {
    const queue = this.faults.get(recipient) ?? [];
    for (let i = 0; i < Math.min(times, 1000); i++) queue.push(fault);
    this.faults.set(recipient, queue);
  }

  /** Resolves when a message to this recipient is being held. */
  nextHold(): Promise<string> {
    return new Promise((resolve) => this.holdWaiters.push(resolve));
  }

  countFor(recipient: string): number {
    return this.received.filter((m) => m.to.includes(recipient)).length;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private onRcptTo(address: string, cb: (err?: Error | null) => void): void {
    this.attempts.set(address, (this.attempts.get(address) ?? 0) + 1);
    this.attemptTimes.set(address, [...(this.attemptTimes.get(address) ?? []), performance.now()]);
    const fault = this.faults.get(address)?.[0];
    if (fault === '421' || fault === '550') this.faults.get(address)!.shift();
    if (fault === '421') return cb(smtpError(421, 'Try again later, closing connection'));
    if (fault === '550') return cb(smtpError(550, 'No such user here'));
    cb();
  }

  private async onData(
    stream: NodeJS.ReadableStream,
    session: SMTPServerSession,
    cb: (err?: Error | null) => void,
  ): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const to = session.envelope.rcptTo.map((r) => r.address);
    const fault = this.faults.get(to[0]!)?.[0];
    if (fault === 'drop' || fault === 'hold') this.faults.get(to[0]!)!.shift();
    if (fault === 'drop') {
      // The whole message arrived, but the connection goes before the server says "250".
      for (const c of this.server.connections) if (c.session.id === session.id) c._socket.destroy();
      return;
    }
    if (fault === 'hold') {
      await new Promise<void>((resolve) => {
        this.holds.set(session.id, resolve);
        for (const waiter of this.holdWaiters.splice(0)) waiter(to[0]!);
      });
      return cb(smtpError(451, 'Client went away'));
    }
    const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    this.received.push({ from, to, raw: Buffer.concat(chunks) });
    cb();
  }
}
