// A real SMTP server (smtp-server) on a free loopback port that keeps what it receives. It can answer
// 4xx or 5xx on purpose, and act as a provider that files a copy of each accepted mail in the
// sender's Sent folder (as Gmail does), for the exactly-once tests.
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Readable } from 'node:stream';
import { freePort } from './ports.ts';

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: Buffer;
  messageId: string | null;
}

/** An SMTP error to answer instead of accepting. */
type Failure = { code: number; text: string };

export class SmtpSink {
  readonly port: number;
  readonly received: ReceivedMail[] = [];
  #server: SMTPServer;
  #plan: Failure[] = [];
  /** Runs after the message is read and before the 250 goes out (a provider filing its Sent copy, a crash). */
  beforeAccept: ((mail: ReceivedMail) => Promise<void>) | null = null;

  private constructor(server: SMTPServer, port: number) {
    this.#server = server;
    this.port = port;
  }

  /** On a free port, or on `port` again (a server back after an outage). */
  static async start(options: { port?: number } = {}): Promise<SmtpSink> {
    const port = options.port ?? (await freePort());
    let sink: SmtpSink;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream: Readable, session: SMTPServerSession, callback: (err?: Error | null) => void) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          void sink.#accept(Buffer.concat(chunks), session).then(() => callback(), callback);
        });
      },
    });
    sink = new SmtpSink(server, port);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return sink;
  }

  async #accept(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const planned = this.#plan.shift();
    if (planned) {
      const err = new Error(planned.text) as Error & { responseCode: number };
      err.responseCode = planned.code;
      throw err;
    }
    const head = raw.subarray(0, 16384).toString('latin1');
    const mail: ReceivedMail = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to: session.envelope.rcptTo.map((r) => r.address),
      raw,
      messageId: /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? null,
    };
    if (this.beforeAccept) await this.beforeAccept(mail);
    this.received.push(mail);
  }

  /** The next `count` messages get this SMTP error (451: try again later; 550: refused). */
  failNext(count: number, code: number, text = code >= 500 ? 'Requested action not taken: mailbox unavailable' : 'Try again later'): void {
    for (let i = 0; i < count; i++) this.#plan.push({ code, text });
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(address));
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
