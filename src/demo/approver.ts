// Playing the approver: reading an approval mail and answering it the way a phone mail app does
// (a first line, or an edited draft between copied markers, above the quoted mail). The demo uses it
// to show the loop without a real mailbox; the integration tests use it to drive the real one.
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';
import { DRAFT_BEGIN, DRAFT_BEGIN_PATTERN, DRAFT_END, DRAFT_END_PATTERN } from '../approval/markers.ts';

export interface ApprovalMail {
  subject: string;
  messageId: string;
  replyTo: string;
  text: string;
}

export async function readApprovalMail(raw: Buffer): Promise<ApprovalMail> {
  const parsed = await simpleParser(raw);
  const replyTo = parsed.replyTo?.value[0]?.address;
  if (!parsed.subject || !parsed.messageId || !replyTo || !parsed.text) throw new Error('not an approval mail: it has no Reply-To with a token');
  return { subject: parsed.subject, messageId: parsed.messageId, replyTo, text: parsed.text };
}

/** The marker lines of an approval mail, as it wrote them (the instructions above them mention the markers too). */
function markerLines(approval: ApprovalMail): { begin: number; end: number; lines: string[] } {
  const lines = approval.text.split('\n');
  const marker = (pattern: RegExp) => lines.findIndex((l) => l.trim().startsWith('==== kotae') && pattern.test(l));
  return { begin: marker(DRAFT_BEGIN_PATTERN), end: marker(DRAFT_END_PATTERN), lines };
}

/** The draft between the marker lines of an approval mail. */
export function draftIn(approval: ApprovalMail): string {
  const { begin, end, lines } = markerLines(approval);
  return lines.slice(begin + 1, end).join('\n');
}

export interface ReplyOptions {
  from?: string;
  /** What the approver types above the quote ("承認", "OK", "却下"). */
  firstLine?: string;
  /** An edited draft, written between copied marker lines above the quote. */
  editedDraft?: string;
  authenticationResults?: string;
  to?: string;
  subject?: string;
  date?: Date;
}

export async function approverReply(approval: ApprovalMail, options: ReplyOptions = {}): Promise<Buffer> {
  const lines: string[] = [];
  if (options.firstLine !== undefined) lines.push(options.firstLine, '');
  if (options.editedDraft !== undefined) {
    // Copied from the mail, as an approver does (a mail without markers gets the parser's own).
    const m = markerLines(approval);
    lines.push(m.begin >= 0 ? m.lines[m.begin]!.trim() : DRAFT_BEGIN, options.editedDraft, m.end >= 0 ? m.lines[m.end]!.trim() : DRAFT_END, '');
  }
  lines.push('2026年11月20日(金) 21:00 kotae <shop@example.com>:', ...approval.text.split('\n').map((l) => `> ${l}`));
  return new MailComposer({
    from: options.from ?? 'owner@example.com',
    to: options.to ?? approval.replyTo,
    subject: options.subject ?? `Re: ${approval.subject}`,
    inReplyTo: approval.messageId,
    references: [approval.messageId],
    messageId: `<reply-${randomBytes(6).toString('hex')}@example.com>`,
    date: options.date ?? new Date(),
    text: lines.join('\n'),
    ...(options.authenticationResults ? { headers: { 'Authentication-Results': options.authenticationResults } } : {}),
  })
    .compile()
    .build();
}
