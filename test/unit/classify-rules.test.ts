// One test per classification rule: a minimal message that only that rule should decide. A new rule
// in rules/classify.yaml without a line here fails the coverage test at the bottom.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, type ClassifiableMail } from '../../src/understand/classify.ts';
import { parseClassifyRules, loadClassifyRules } from '../../src/understand/rules.ts';
import type { Intent, Kind } from '../../src/understand/kinds.ts';

const rulesPath = join(import.meta.dirname, '../../rules/classify.yaml');
const rules = loadClassifyRules(rulesPath);

function mail(from: string, subject: string, text: string, headers: Record<string, string> = {}, extra: Partial<ClassifiableMail> = {}): ClassifiableMail {
  const name = from.includes('<') ? from.slice(0, from.indexOf('<')).trim() : '';
  const address = from.includes('<') ? from.slice(from.indexOf('<') + 1, -1) : from;
  return { from: { address, name }, to: [{ address: 'shop@example.com', name: '' }], subject, text, html: null, headers, inReplyTo: null, references: [], ...extra };
}

const buyer = (text: string, subject = 'お客様からの問い合わせ（注文番号：250-1234567-1234567）') =>
  mail('山田 - Amazon Marketplace <k3v9q2mxw7tz1pd@marketplace.amazon.co.jp>', subject, `注文番号: 250-1234567-1234567\n\n------------- メッセージはここから -------------\n\n${text}\n\n------------- メッセージはここまで -------------\n`);

const CASES: Record<string, { mail: ClassifiableMail; kind: Kind }> = {
  'kotae-token': { mail: mail('owner@example.com', 'Re: [kotae #7hq2x5ka3mzr6wdp4ycn2bf5tu] 返信の承認', '承認'), kind: 'approval_reply' },
  'auto-submitted': { mail: mail('Taro <taro@example.jp>', '会議の件', '本文', { 'auto-submitted': 'auto-replied' }), kind: 'auto_reply' },
  precedence: { mail: mail('news@example.jp', 'お知らせ', '本文', { precedence: 'bulk' }), kind: 'auto_reply' },
  'x-autoreply': { mail: mail('a@example.jp', 'Re: ご注文', '本文', { 'x-autoreply': 'yes' }), kind: 'auto_reply' },
  'x-autorespond': { mail: mail('a@example.com', 'Re: order', 'body', { 'x-autorespond': 'yes' }), kind: 'auto_reply' },
  'x-loop': { mail: mail('a@example.com', 'Re: order', 'body', { 'x-loop': 'helpdesk@example.com' }), kind: 'auto_reply' },
  'list-id': { mail: mail('list@example.org', '[sellers] 質問', '本文', { 'list-id': '<sellers.example.org>' }), kind: 'auto_reply' },
  'list-unsubscribe': { mail: mail('deals@example.com', 'Weekly deals', 'body', { 'list-unsubscribe': '<mailto:u@example.com>' }), kind: 'auto_reply' },
  'list-post': { mail: mail('list@example.org', 'Re: topic', 'body', { 'list-post': '<mailto:list@example.org>' }), kind: 'auto_reply' },
  'empty-return-path': { mail: mail('someone@example.com', 'Re: your mail', 'body', { 'return-path': '<>' }), kind: 'auto_reply' },
  'delivery-report': { mail: mail('mta@example.com', 'Report', 'body', { 'content-type': 'multipart/report; report-type=delivery-status' }), kind: 'auto_reply' },
  'failed-recipients': { mail: mail('mta@example.com', 'Failure', 'body', { 'x-failed-recipients': 'x@example.com' }), kind: 'auto_reply' },
  'mailer-daemon': { mail: mail('MAILER-DAEMON@example.com', 'failure', 'body'), kind: 'auto_reply' },
  'no-reply-sender': { mail: mail('noreply@shop-tools.example.com', 'Your report', 'body'), kind: 'auto_reply' },
  'ooo-subject': { mail: mail('Josh - Amazon Marketplace <a7kx2n9qp4wm1zr@marketplace.amazon.com>', 'Automatic reply: Order information', 'I am away'), kind: 'auto_reply' },
  'bounce-subject': { mail: mail('postbox@example.com', 'Undelivered Mail Returned to Sender', 'body'), kind: 'auto_reply' },
  'ja-auto-subject': { mail: mail('info@supplier.example.jp', '【自動返信】お問い合わせありがとうございます', '本メールは自動送信です'), kind: 'auto_reply' },
  'amazon-opt-out-bounce': { mail: mail('donotreply@amazon.com', 'Your message could not be delivered (Order: 111-1234567-1234567)', 'the buyer has chosen to opt out'), kind: 'auto_reply' },
  'auto-communication-copy': { mail: mail('auto-communication@amazon.com', 'RE: Inquiry (Order: 111-1234567-1234567)', 'Here is a copy of the e-mail that you sent'), kind: 'other' },
  'customer-questions': { mail: mail('seller-answers@amazon.com', 'Can you answer this question about Kettle?', 'A customer asked'), kind: 'other' },
  'atoz-sender': { mail: mail('atoz-guarantee-no-reply@amazon.com', 'Order 111-1234567-1234567', 'body'), kind: 'atoz_claim' },
  'atoz-wording': { mail: mail('notices@amazon.com', 'A-to-z Guarantee Claim for Order 111-1234567-1234567', 'body'), kind: 'atoz_claim' },
  'chargeback-sender': { mail: mail('cb-seller-notification@amazon.co.jp', '情報提供のお願い', '本文'), kind: 'chargeback' },
  'chargeback-wording': { mail: mail('notices@amazon.com', 'Your Immediate Response Required: Charge Dispute Inquiry', 'body'), kind: 'chargeback' },
  'return-request': { mail: mail('order-update@amazon.co.jp', '返品リクエストが届きました（注文番号：250-1234567-1234567）', '本文'), kind: 'return_request' },
  'negative-feedback-sender': { mail: mail('feedback-notification@amazon.com', 'Order 111-1234567-1234567', 'body'), kind: 'negative_feedback' },
  'negative-feedback-wording': { mail: mail('seller-notification@amazon.com', 'Feedback notification - Order 111-1234567-1234567', 'body'), kind: 'negative_feedback' },
  'negative-feedback-rating': { mail: mail('seller-notification@amazon.co.jp', '購入者からのお知らせ', '注文番号: 503-7715920-4438801\n評価: ★★☆☆☆（2）'), kind: 'negative_feedback' },
  'customer-service-sender': { mail: mail('cs-reply@amazon.com', 'About your order', 'body'), kind: 'cs_inquiry' },
  'customer-service-wording': { mail: mail('notices@amazon.com', 'Order 111-1234567-1234567', "We've been contacted by a customer regarding the order identified below."), kind: 'cs_inquiry' },
  'account-health-sender': { mail: mail('seller-performance@amazon.co.jp', 'お知らせ', '本文'), kind: 'account_health' },
  'account-health-wording': { mail: mail('notices@amazon.com', 'Your Amazon.com selling privileges have been deactivated', 'body'), kind: 'account_health' },
  'support-case': { mail: mail('seller-answers@amazon.co.jp', 'お問い合わせいただいた件について', 'ケースID: 12345678901'), kind: 'support_case' },
  'support-case-subject': { mail: mail('help@amazon.com', '[Case ID:19822888381] Inventory lost', 'body'), kind: 'support_case' },
  'support-case-wording': { mail: mail('donotreply@amazon.com', 'Your case has been closed', 'Your Selling Partner Support case was resolved.\nCase ID: 10029384756'), kind: 'support_case' },
  'carrier-sender': { mail: mail('UPS <pkginfo@ups.com>', 'UPS Update: Package Delivered', 'This is an automated message, do not reply.', { 'auto-submitted': 'auto-generated' }), kind: 'other' },
  'order-notices': { mail: mail('seller-notification@amazon.com', 'Sold, ship now: Kettle', 'Order ID: 111-1234567-1234567'), kind: 'other' },
  'relay-sender': { mail: buyer('こんにちは'), kind: 'buyer_message' },
  'amazon-unmatched': { mail: mail('marketing@amazon.com', 'Grow your business', 'body'), kind: 'other' },
  'imitates-amazon': { mail: mail('Amazon.co.jp <amazom-update@msfdgnh.cn>', 'ご利用の Amazon アカウントを一時保留いたしました', '24時間以内'), kind: 'other' },
  'not-amazon': { mail: mail('friend@example.jp', '来週の日曜日', '元気？'), kind: 'other' },
};

describe('classification rules', () => {
  for (const [id, c] of Object.entries(CASES)) {
    it(`rule ${id} decides ${c.kind}`, () => {
      const result = classify(c.mail, rules);
      expect(result.kind).toBe(c.kind);
      expect(result.rule).toBe(id);
    });
  }

  it('every rule in rules/classify.yaml has a test here', () => {
    const ids = [...rules.carrierNotices, ...rules.autoReply.headers, ...rules.autoReply.senders, ...rules.autoReply.subjects, ...rules.autoReply.amazonBounces, ...rules.notices].map((r) => r.id);
    expect(ids.filter((id) => !(id in CASES))).toEqual([]);
  });

  it('Auto-Submitted: no is a human message, answered as usual', () => {
    const m = buyer('返品したいです');
    expect(classify({ ...m, headers: { 'auto-submitted': 'no' } }, rules).kind).toBe('buyer_message');
  });

  it('a look-alike relay domain is not Amazon', () => {
    const m = mail('Ashley - Amazon Marketplace <k7q2mz9xw4rb1dn@marketplace.amazon.com.br.golpe.com>', 'Inquiry from Amazon customer Ashley', 'Please click');
    expect(classify(m, rules)).toMatchObject({ kind: 'other', fromAmazon: false, relayAddress: null });
  });

  it('a phishing look-alike is "other" even from a no-reply sender (never trusted, never filed as an auto-reply)', () => {
    const m = mail('Amazon.co.jp <no-reply@amazon.co.jp.account-verify-center.top>', '【重要】アカウントを一時保留いたしました', '24 時間以内に確認');
    expect(classify(m, rules)).toMatchObject({ kind: 'other', rule: 'imitates-amazon', fromAmazon: false });
  });

  it('an approval reply is known by the token in the address it was sent to, plus-address or a configured reply address', () => {
    for (const address of ['shop+kotae-7hq2x5ka3mzr6wdp4ycn2bf5tu@example.com', 'kotae-7hq2x5ka3mzr6wdp4ycn2bf5tu@approvals.example.com']) {
      const m = mail('owner@example.com', 'Re: 返信の承認', '承認', {}, { to: [{ address, name: '' }] });
      expect(classify(m, rules).kind).toBe('approval_reply');
    }
  });

  it('an auto-generated header on a genuine Amazon notice does not hide it', () => {
    const m = mail('seller-answers@amazon.com', '[Case ID:19822888381] Update', 'Case ID: 19822888381', { 'auto-submitted': 'auto-generated' });
    expect(classify(m, rules).kind).toBe('support_case');
  });
});

describe('hostile text', () => {
  // Found by a test: a pattern that could start anywhere rescanned a long run of letters from every
  // position (16 KB took 0.3 s, 1 MB would have taken about 20 minutes, holding up the mailbox).
  it('classifies a 1 MB body that is one unbroken word, and still finds a relay address after it', () => {
    const run = 'y'.repeat(1024 * 1024);
    expect(classify(mail('someone@example.com', 'hello', run), rules).kind).toBe('other');
    const quoted = classify(mail('someone@example.com', 'hello', `${run} a7kx2n9qp4wm1zr@marketplace.amazon.com`), rules);
    expect(quoted.relayAddress).toBe('a7kx2n9qp4wm1zr@marketplace.amazon.com');
  });
});

const INTENT_CASES: [string, Intent[]][] = [
  ['返品したいのですが、どうすればよいですか。', ['return']],
  ['返品の手続きができました。ありがとうございました。', []],
  ['I want to return this and get a refund.', ['return']],
  ['お電話で説明したいので、電話番号を教えてください。', ['phone_request']],
  ['Please call me, my number is in the order.', ['phone_request']],
  ['領収書を発行していただけますか。', ['invoice_request']],
  ['Can you send me an invoice with VAT?', ['invoice_request']],
  ['まだ届いていません。配送状況を教えてください。', ['delivery_status']],
  ["My package hasn't arrived yet.", ['delivery_status']],
  ['電源が入らず、動きません。', ['defect']],
  ['The lid is cracked and it leaks.', ['defect']],
  ['注文をキャンセルしたいです。', ['cancel']],
  ['Please cancel my order.', ['cancel']],
  ['お届け先の住所を変更したいです。', ['address_change']],
  ['I need to change the shipping address.', ['address_change']],
  ['この替えブラシはDB-4510に対応していますか。', ['product_question']],
  ['Is it compatible with an iPhone 15?', ['product_question']],
  ['Is the inside stainless steel?', ['product_question']],
  ['ありがとうございました。無事に届きました。', []],
];

describe('intent rules', () => {
  for (const [text, intents] of INTENT_CASES) {
    it(`"${text}" → [${intents.join(', ')}]`, () => {
      expect(classify(buyer(text), rules).intents).toEqual(intents);
    });
  }
});

describe('rules file validation', () => {
  const original = readFileSync(rulesPath, 'utf8');
  const lineOf = (needle: string) => original.slice(0, original.indexOf(needle)).split('\n').length;

  it('names the file and line of an invalid pattern', () => {
    const broken = original.replace("pattern: '^(bulk|junk|list|auto_reply)\\b'", "pattern: '^(bulk|junk'");
    expect(() => parseClassifyRules(broken, 'rules/classify.yaml')).toThrow(`rules/classify.yaml:${lineOf('id: precedence')}`);
  });

  it('rejects an unknown kind with its line', () => {
    const broken = original.replace('kind: chargeback\n    from:', 'kind: charge_back\n    from:');
    expect(() => parseClassifyRules(broken, 'rules/classify.yaml')).toThrow(/kind must be one of/);
  });

  it('rejects a notice rule with no pattern (it would match all Amazon mail)', () => {
    const broken = original.replace("  - id: order-notices               # sold/ship now, refunds, listing created, unshipped orders\n    kind: other\n    from: ['^(seller-notification|order-update|donotreply|do-not-reply|payments-messages|no-reply)@']", '  - id: order-notices\n    kind: other');
    expect(broken).not.toBe(original);
    expect(() => parseClassifyRules(broken, 'rules/classify.yaml')).toThrow(/has no from, subject, body or caseId condition/);
  });

  it("loads a seller's older copy without the keys added since (carrierNotices, questions, buyerText.reasons)", () => {
    const older = original
      .replace(/^carrierNotices:\n(?:  .*\n)+/m, '')
      .replace(/^questions: .*\n/m, '')
      .replace(/^  reasons: .*\n/m, '');
    expect(older).not.toMatch(/^(carrierNotices|questions|  reasons):/m);
    const r = parseClassifyRules(older, 'rules/classify.yaml');
    expect([r.carrierNotices, r.questions, r.buyerText.reasons]).toEqual([[], [], []]);
  });

  it('rejects an unknown key', () => {
    expect(() => parseClassifyRules(original.replace('questionIntent:', 'questionIntnet:'), 'x.yaml')).toThrow(/unknown key "questionIntnet"/);
  });
});
