// The configuration file's shape, with defaults. Everything a seller may write is here, in one place;
// docs/configuration.md (and the README) describe the same keys for humans.
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';

const email = z
  .string()
  .trim()
  .regex(/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/, 'must be an email address such as shop@example.com')
  .transform((s) => s.toLowerCase());

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be the NAME of an environment variable, not the secret itself');

const cronExpression = z.string().refine((expr) => validateCron(expr), 'must be a cron expression such as "*/5 * * * *" (minute hour day month weekday)');

const starttls = z.enum(['auto', 'required', 'never']);

const imap = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).optional(),
    secure: z.boolean().default(true),
    /** Only when `secure` is false. Default: required, except `auto` on a loopback host. */
    starttls: starttls.optional(),
    user: z.string().min(1),
    passwordEnv: envName.optional(),
    /** OAuth2: the access token comes from this environment variable (XOAUTH2). */
    accessTokenEnv: envName.optional(),
    mailboxes: z.array(z.string().min(1)).min(1).default(['INBOX']),
    /** Where sent copies live; default: the mailbox the server marks \Sent, else "Sent". */
    sentMailbox: z.string().min(1).optional(),
    /** kotae never changes the seller's mail unless told: set \Seen after storing a message. */
    markSeen: z.boolean().default(false),
    /** Move each stored message to this mailbox (created if missing). */
    moveTo: z.string().min(1).optional(),
    rejectUnauthorized: z.boolean().default(true),
  })
  .strict()
  .refine((v) => v.passwordEnv !== undefined || v.accessTokenEnv !== undefined, {
    message: 'needs passwordEnv or accessTokenEnv: the name of the environment variable that holds the secret',
    path: ['passwordEnv'],
  });

const smtp = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535).optional(),
    secure: z.boolean().default(true),
    starttls: starttls.optional(),
    user: z.string().min(1).optional(),
    passwordEnv: envName.optional(),
    accessTokenEnv: envName.optional(),
    /**
     * Who files a copy of sent mail in the Sent folder: `provider` (Gmail, Outlook.com, iCloud do),
     * `kotae` (kotae appends it over IMAP), `none`, or `auto` (kotae looks, and appends when missing).
     */
    sentCopy: z.enum(['auto', 'provider', 'kotae', 'none']).default('auto'),
    rejectUnauthorized: z.boolean().default(true),
  })
  .strict();

const approval = z
  .object({
    /** Reply-To of approval mail; `{token}` is replaced. Default: plus-address of the account address. */
    replyAddress: z.string().includes('{token}', { message: 'must contain {token}' }).optional(),
    tokenTtlHours: z.number().positive().max(24 * 30).default(72),
    /** Refuse approval replies whose Authentication-Results shows a DMARC or DKIM failure. Opt-in. */
    checkAuthenticationResults: z.boolean().default(false),
    /** Trust only Authentication-Results headers added by this server (authserv-id), when set. */
    authservId: z.string().min(1).optional(),
  })
  .strict();

/** How the seller fights Seller Support (テクニカルサポート): the ladder's thresholds and the channel. */
const sellerSupport = z
  .object({
    /**
     * Amazon takes the seller's answer on a case by mail. Off by default: Amazon asks for answers in the
     * Case Log in Seller Central, so an approved letter goes to the approvers as text to paste there.
     */
    replyByMail: z.boolean().default(false),
    /** Stock answers on a case before the ladder suggests a new case (担当者ガチャ). */
    newCaseAfterStockAnswers: z.number().int().min(1).max(20).default(2),
    /** The executive letter is suggested only past one of these (the seller's own threshold). */
    executive: z
      .object({
        /** Amazon's answers on the case and the case it continues. */
        afterRounds: z.number().int().min(1).max(100).default(6),
        /** Money at stake on the case, in the marketplace's currency (JPY 3240, USD 214.8); unset: never by money alone. */
        moneyAtLeast: z.number().positive().optional(),
      })
      .strict()
      .prefault({}),
    /** Days a reimbursement Amazon promised may stay unpaid before the digest lists it and a follow-up is drafted. */
    reimbursementFollowUpDays: z.number().positive().max(365).default(14),
  })
  .strict();

export const accountSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/i, 'must be a short name of letters, digits, - or _ (e.g. jp)'),
    marketplace: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter marketplace code such as JP or US'),
    address: email,
    approvers: z.array(email).min(1, 'needs at least one approver address'),
    /** Language of approval mail, reminders and digests. Default: ja for JP, en otherwise. */
    language: z.enum(['ja', 'en']).optional(),
    shopName: z.string().min(1).optional(),
    /** The product's name in replies, by ASIN or SKU, where the one kotae cuts from the listing title is not the shop's. */
    productNames: z.record(z.string().min(1), z.string().trim().min(1)).optional(),
    /** How most orders ship: fba (Amazon handles returns) or merchant (the seller does). */
    fulfilment: z.enum(['fba', 'merchant']).default('fba'),
    imap: imap.optional(),
    smtp: smtp.optional(),
    /** Write outgoing mail as .eml files here instead of SMTP (the demo does). */
    outboxDir: z.string().min(1).optional(),
    approval: approval.prefault({}),
    /** The seller's ID in Seller Central (Merchant Token, e.g. A1B2C3D4E5F6G7): the executive letter names it. */
    sellerId: z.string().trim().regex(/^[A-Z0-9]{8,20}$/, 'must be the seller ID (Merchant Token) as Seller Central shows it, such as A1B2C3D4E5F6G7').optional(),
    sellerSupport: sellerSupport.prefault({}),
  })
  .strict()
  .superRefine((account, ctx) => {
    // Without a way to send, approval mails, notices and approved replies would be queued forever.
    if (!account.smtp && !account.outboxDir) {
      ctx.addIssue({
        code: 'custom',
        path: ['smtp'],
        message: `account "${account.id}" has neither smtp nor outboxDir: its approval mails and replies could never be sent`,
        params: { hint: 'Add smtp: { host, port, user, passwordEnv } to the account (kotae.config.example.yaml shows one), or outboxDir: a folder where kotae writes outgoing mail as .eml files.' },
      });
    }
  });

export const configSchema = z
  .object({
    dataDir: z.string().min(1).default('./data'),
    /** A PostgreSQL store several daemons share: the variable holding its postgres:// URL. Absent: SQLite under dataDir. */
    store: z
      .object({ urlEnv: envName.optional() })
      .strict()
      .prefault({}),
    timezone: z
      .string()
      .default('Asia/Tokyo')
      .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Asia/Tokyo or America/New_York'),
    /**
     * A clock that stands still at this time: written by `kotae demo`, whose store replays mail of a
     * past day, so its reply-by times read afterwards as they did during the demo. Not for a real mailbox.
     */
    pinnedClock: z.iso.datetime({ offset: true, message: 'must be an ISO time such as 2026-11-20T19:19:00+09:00' }).optional(),
    templatesDir: z.string().min(1).optional(),
    rulesDir: z.string().min(1).optional(),
    accounts: z.array(accountSchema).default([]),
    sync: z
      .object({
        batchSize: z.number().int().min(1).max(5000).default(200),
        /** A first sync drafts replies only for buyer messages younger than this. */
        replyWindowHours: z.number().positive().default(24),
        /** Mail already older than this when kotae first reads it joins the timelines but asks for no action. */
        historyDays: z.number().positive().default(7),
      })
      .strict()
      .prefault({}),
    schedule: z
      .object({
        poll: cronExpression.default('*/5 * * * *'),
        sla: cronExpression.default('*/10 * * * *'),
        digest: cronExpression.default('0 8 * * *'),
      })
      .strict()
      .prefault({}),
    reminders: z
      .object({
        /** Remind approvers when this many hours are left before Amazon's 24-hour limit. */
        hoursBeforeDeadline: z.array(z.number().positive().max(24)).default([12, 4, 1]),
        /** Draft a Seller Support follow-up when Amazon has not answered a case for this many days. */
        supportFollowUpDays: z.number().positive().default(3),
        /** Remind approvers this many hours before an account-health deadline (72 hours for a severe policy warning). */
        accountHealthHoursBefore: z.array(z.number().positive().max(24 * 30)).default([24, 12, 2]),
      })
      .strict()
      .prefault({}),
    limits: z
      .object({
        perRecipientPerHour: z.number().int().positive().default(5),
        /** All mail of an account (approval mails included): a guard against loops, not a quota. */
        perAccountPerHour: z.number().int().positive().default(1000),
      })
      .strict()
      .prefault({}),
    outbox: z
      .object({
        /** Waits before each retry after a temporary SMTP failure (4xx, connection lost); then it fails. */
        retrySeconds: z.array(z.number().positive()).min(1).default([60, 300, 900, 1800, 3600, 7200, 14400]),
      })
      .strict()
      .prefault({}),
    memory: z
      .object({
        /**
         * An idle `kotae run` resident above this many MB starts afresh (the same process, replaced by
         * execve) to give back what a backfill took; 0: never. See src/daemon/fresh-start.ts.
         */
        freshStartAboveMb: z.number().int().min(0).default(150),
        /** ...and at least this many MB above its own size at start. */
        freshStartGrowthMb: z.number().int().min(0).default(32),
        /** How long without a cycle counts as idle for that. */
        idleSeconds: z.number().positive().max(86_400).default(60),
      })
      .strict()
      .prefault({}),
    http: z
      .object({
        host: z.string().default('0.0.0.0'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** /healthz is ok only when every account synced within this many minutes. */
        maxSyncAgeMinutes: z.number().positive().default(15),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((config, ctx) => {
    const seen = new Set<string>();
    config.accounts.forEach((account, i) => {
      if (seen.has(account.id)) {
        ctx.addIssue({ code: 'custom', path: ['accounts', i, 'id'], message: `duplicate account id "${account.id}": each account needs its own id` });
      }
      seen.add(account.id);
    });
  });

export type ConfigInput = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
export type AccountConfig = z.output<typeof accountSchema>;
export type ImapConfig = NonNullable<AccountConfig['imap']>;
export type SmtpConfig = NonNullable<AccountConfig['smtp']>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
