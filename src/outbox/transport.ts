// Where outgoing mail goes: an SMTP server (nodemailer), or a local folder of .eml files (the demo,
// or a seller who wants to look before connecting SMTP). Both behind one small interface.
import { mkdirSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Transporter } from 'nodemailer';
import type { AccountConfig } from '../config/schema.ts';
import { resolveSecret } from '../config/load.ts';
import { errorMessage, RemoteError } from '../shared/errors.ts';
import { eightBit } from './compose.ts';

export interface Envelope {
  outboxId: number;
  messageId: string;
  from: string;
  to: string[];
  raw: Buffer;
}

export interface Transport {
  readonly label: string;
  /** Deliver the bytes as they are; resolves with the server's answer. Throws RemoteError (transient or not). */
  deliver(mail: Envelope): Promise<string>;
  /** After a crash between sending and recording: whether the mail left. SMTP cannot tell (null). */
  delivered(mail: Envelope): Promise<boolean | null>;
  close(): Promise<void>;
}

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|localhost)$/i;

export function smtpTransport(account: AccountConfig, env: NodeJS.ProcessEnv = process.env): Transport {
  const smtp = account.smtp!;
  const where = `accounts[${account.id}].smtp`;
  const auth = smtp.accessTokenEnv
    ? { type: 'OAuth2' as const, user: smtp.user ?? account.address, accessToken: resolveSecret(smtp.accessTokenEnv, `${where}.accessTokenEnv`, env) }
    : smtp.passwordEnv
      ? { user: smtp.user ?? account.address, pass: resolveSecret(smtp.passwordEnv, `${where}.passwordEnv`, env) }
      : undefined;
  const starttls = smtp.secure ? undefined : (smtp.starttls ?? (LOOPBACK.test(smtp.host) ? 'auto' : 'required'));
  const options = {
    host: smtp.host,
    port: smtp.port ?? (smtp.secure ? 465 : 587),
    secure: smtp.secure,
    requireTLS: starttls === 'required',
    ignoreTLS: starttls === 'never',
    ...(auth ? { auth } : {}),
    tls: { rejectUnauthorized: smtp.rejectUnauthorized },
    connectionTimeout: 30_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  // nodemailer is loaded at the first mail sent: a daemon that has sent nothing does not hold it.
  let transporter: Transporter | null = null;
  const connect = async () => (transporter ??= (await import('nodemailer')).default.createTransport(options));

  return {
    label: `smtp:${smtp.host}`,
    async deliver(mail) {
      try {
        const info = await (await connect()).sendMail({ envelope: { from: mail.from, to: mail.to }, raw: mail.raw });
        return String(info.response ?? '250 accepted');
      } catch (err) {
        throw smtpError(err);
      }
    },
    async delivered() {
      return null;
    },
    async close() {
      transporter?.close();
    },
  };
}

/** 5xx answers are permanent; 4xx, timeouts and dropped connections are worth retrying. */
export function smtpError(err: unknown): RemoteError {
  const e = err as { responseCode?: number; response?: string; code?: string };
  const code = e.responseCode;
  const transient = code === undefined ? true : code < 500;
  const text = e.response ?? errorMessage(err);
  return new RemoteError(`SMTP ${code ?? e.code ?? 'error'}: ${text}`, {
    transient,
    hint: e.code === 'EAUTH' ? 'Check smtp.user and the secret in the environment variable named by smtp.passwordEnv.' : undefined,
    cause: err,
  });
}

/**
 * Writes each mail as <outbox id>.eml; a file already there means it was delivered. The file is the
 * stored mail with its text in UTF-8 8bit (nothing relays it), so `cat` shows it as a person reads it.
 */
export function folderTransport(dir: string): Transport {
  mkdirSync(dir, { recursive: true });
  const file = (mail: Envelope) => join(dir, `${String(mail.outboxId).padStart(6, '0')}.eml`);
  return {
    label: `folder:${dir}`,
    async deliver(mail) {
      const target = file(mail);
      // Write then rename: a crash leaves no half-written .eml that would pass for a delivered mail.
      writeFileSync(`${target}.tmp`, eightBit(mail.raw));
      renameSync(`${target}.tmp`, target);
      return `written to ${target}`;
    },
    async delivered(mail) {
      return existsSync(file(mail));
    },
    async close() {},
  };
}
