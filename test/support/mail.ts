// Mail the integration tests send into the system: a buyer's message through Amazon's relay, and an
// approver's reply as a phone mail app writes it (quoted approval mail, Gmail-style attribution).
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { simpleParser } from 'mailparser';

export interface BuyerMail {
  raw: Buffer;
  messageId: string;
  orderId: string;
  alias: string;
}

export async function buyerMessage(options: { text?: string; orderId?: string; alias?: string; name?: string; date?: Date; subject?: string } = {}): Promise<BuyerMail> {
  const orderId = options.orderId ?? `250-${digits(7)}-${digits(7)}`;
  const alias = options.alias ?? `${randomBytes(8).toString('hex').slice(0, 15)}@marketplace.amazon.co.jp`;
  const messageId = `<buyer-${randomBytes(6).toString('hex')}@marketplace.amazon.co.jp>`;
  const text = [
    `注文番号: ${orderId}`,
    '1 点: 珪藻土バスマット 大判 60×39cm [ASIN: B0C1M8N3P4]',
    '',
    '------------- メッセージはここから -------------',
    '',
    options.text ?? '届いたバスマットが思ったより小さかったので、返品したいです。どうすればよいですか。',
    '',
    '------------- メッセージはここまで -------------',
    '',
    '[commMgrTok:8UB8JK28J8U9C8]',
  ].join('\n');
  const raw = await new MailComposer({
    from: { name: `${options.name ?? '山田'} - Amazon Marketplace`, address: alias },
    to: 'shop@example.com',
    subject: options.subject ?? `返品に関するお問い合わせ（注文：${orderId}）`,
    text,
    messageId,
    date: options.date ?? new Date(),
  })
    .compile()
    .build();
  return { raw, messageId, orderId, alias };
}

export interface ApprovalMail {
  subject: string;
  messageId: string;
  replyTo: string;
  text: string;
}

export async function readApprovalMail(raw: Buffer): Promise<ApprovalMail> {
  const parsed = await simpleParser(raw);
  const replyTo = parsed.replyTo?.value[0]?.address;
  if (!parsed.subject || !parsed.messageId || !replyTo || !parsed.text) throw new Error('not an approval mail');
  return { subject: parsed.subject, messageId: parsed.messageId, replyTo, text: parsed.text };
}

/** The draft between the marker lines of an approval mail. */
export function draftIn(approval: ApprovalMail): string {
  const lines = approval.text.split('\n');
  const begin = lines.findIndex((l) => l.includes('DRAFT BEGINS'));
  const end = lines.findIndex((l) => l.includes('DRAFT ENDS'));
  return lines.slice(begin + 1, end).join('\n');
}

export interface ReplyOptions {
  from?: string;
  /** What the approver types above the quote ("承認", "OK", "却下"). */
  firstLine?: string;
  /** An edited draft: written between copied marker lines above the quote. */
  editedDraft?: string;
  authenticationResults?: string;
  to?: string;
  subject?: string;
}

export async function approverReply(approval: ApprovalMail, options: ReplyOptions = {}): Promise<Buffer> {
  const lines: string[] = [];
  if (options.firstLine !== undefined) lines.push(options.firstLine, '');
  if (options.editedDraft !== undefined) {
    const markers = approval.text.split('\n').filter((l) => l.includes('DRAFT BEGINS') || l.includes('DRAFT ENDS'));
    lines.push(markers[0]!, options.editedDraft, markers[1]!, '');
  }
  lines.push('2026年11月23日(月) 10:00 kotae <shop@example.com>:', ...approval.text.split('\n').map((l) => `> ${l}`));
  return new MailComposer({
    from: options.from ?? 'owner@example.com',
    to: options.to ?? approval.replyTo,
    subject: options.subject ?? `Re: ${approval.subject}`,
    inReplyTo: approval.messageId,
    references: [approval.messageId],
    messageId: `<reply-${randomBytes(6).toString('hex')}@example.com>`,
    text: lines.join('\n'),
    ...(options.authenticationResults ? { headers: { 'Authentication-Results': options.authenticationResults } } : {}),
  })
    .compile()
    .build();
}

function digits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(randomBytes(1)[0]! % 10);
  return out;
}
