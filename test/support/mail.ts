// Mail the integration tests send into the system: a buyer's message through Amazon's relay, and an
// approver's reply as a phone mail app writes it (src/demo/approver.ts, shared with the demo).
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';

export interface BuyerMail {
  raw: Buffer;
  messageId: string;
  orderId: string;
  alias: string;
}

export async function buyerMessage(options: { date?: Date } = {}): Promise<BuyerMail> {
  const orderId = `250-${digits(7)}-${digits(7)}`;
  const alias = `${randomBytes(8).toString('hex').slice(0, 15)}@marketplace.amazon.co.jp`;
  const messageId = `<buyer-${randomBytes(6).toString('hex')}@marketplace.amazon.co.jp>`;
  const text = [
    `注文番号: ${orderId}`,
    '1 点: 珪藻土バスマット 大判 60×39cm [ASIN: B0C1M8N3P4]',
    '',
    '------------- メッセージはここから -------------',
    '',
    '届いたバスマットが思ったより小さかったので、返品したいです。どうすればよいですか。',
    '',
    '------------- メッセージはここまで -------------',
    '',
    '[commMgrTok:8UB8JK28J8U9C8]',
  ].join('\n');
  const raw = await new MailComposer({
    from: { name: '山田 - Amazon Marketplace', address: alias },
    to: 'shop@example.com',
    subject: `返品に関するお問い合わせ（注文：${orderId}）`,
    text,
    messageId,
    date: options.date ?? new Date(),
  })
    .compile()
    .build();
  return { raw, messageId, orderId, alias };
}

export { approverReply, draftIn, readApprovalMail, type ApprovalMail, type ReplyOptions } from '../../src/demo/approver.ts';

/** A header of raw mail, unfolded; '' when it is absent. */
export function headerOf(raw: Buffer, name: string): string {
  const head = raw.toString('utf8').split(/\r?\n\r?\n/)[0]!;
  const m = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : '';
}

function digits(n: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += String(randomBytes(1)[0]! % 10);
  return out;
}
