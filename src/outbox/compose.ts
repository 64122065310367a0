// Building the bytes of a message kotae sends (nodemailer's MIME composer). The bytes are built once,
// when the message is queued, and stored: a resend after a crash sends exactly the same mail.
import MailComposer from 'nodemailer/lib/mail-composer';

export interface OutgoingMail {
  /** An address, or a display name with it (the shop's name on replies). */
  from: string | { name: string; address: string };
  to: string[];
  replyTo?: string | undefined;
  subject: string;
  text: string;
  messageId: string;
  date: Date;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  /** Mark mail written by kotae itself (approval mails, notices) so no auto-responder answers it. */
  automatic?: boolean;
  headers?: Record<string, string>;
}

export async function composeMail(mail: OutgoingMail): Promise<Buffer> {
  const headers: Record<string, string> = { ...mail.headers };
  if (mail.automatic) {
    // RFC 3834, and Exchange's own switch: no out-of-office replies to kotae's mail.
    headers['Auto-Submitted'] = 'auto-generated';
    headers['X-Auto-Response-Suppress'] = 'All';
    headers.Precedence = 'bulk';
  }
  const composer = new MailComposer({
    from: mail.from,
    to: mail.to,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    messageId: mail.messageId,
    date: mail.date,
    ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
    ...(mail.references?.length ? { references: mail.references } : {}),
    headers,
    // Quoted-printable keeps Japanese readable in raw form and survives 7-bit relays.
    textEncoding: 'quoted-printable',
  });
  return composer.compile().build();
}
