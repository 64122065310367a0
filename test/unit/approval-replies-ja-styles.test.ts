// The approver's own text under the quote styles of the mail apps Japanese sellers use (Gmail and
// Outlook in Japanese, iPhone Mail, the carriers' apps) and under a mailing list's footer, with replies
// of our own. The approver's first line is never taken for a signature.
import { describe, expect, it } from 'vitest';
import { parseApprovalReply } from '../../src/approval/reply-text.ts';

const own = (text: string) => parseApprovalReply({ text, html: null }).ownText;
const DRAFT = '> 田中様\n> ご連絡ありがとうございます。本日発送いたしました。';

describe('Japanese quote headers end the approver\'s text', () => {
  it.each([
    ['Gmail in Japanese', `承認します\n\n2026年11月30日(月) 9:15 kotae <approve@shop.example.jp>:\n${DRAFT}`],
    ['Gmail, the address wrapped onto its own line', `承認します\n\n2026年11月30日(月) 9:15 kotae\n<approve@shop.example.jp>:\n${DRAFT}`],
    ['Outlook in Japanese', `承認します\n\n差出人: kotae <approve@shop.example.jp>\n送信日時: 2026年11月30日 9:15\n宛先: 店長 <boss@shop.example.jp>\n件名: 返信の承認\n\n田中様\nご連絡ありがとうございます。`],
    ['iPhone Mail', `承認します\n\n2026/11/30 9:15、kotae <approve@shop.example.jp>のメール:\n\n${DRAFT}`],
    ['iPhone Mail, name only', `承認します\n\n2026/11/30 9:15、kotaeのメール:\n\n${DRAFT}`],
    ['Thunderbird in Japanese', `承認します\n\n2026/11/30 9:15 に kotae <approve@shop.example.jp> は書きました:\n${DRAFT}`],
    ['docomo mail', `承認します\n\n-----Original Message-----\nFrom: kotae\n田中様\nご連絡ありがとうございます。`],
    ['Outlook in Japanese, as a separator', `承認します\n\n----- 元のメッセージ -----\n差出人: kotae\n田中様`],
    ['au and SoftBank mail', `承認します\n\n----- Original Message -----\nFrom: "kotae" <approve@shop.example.jp>\nTo: <boss@shop.example.jp>\nSent: Monday, November 30, 2026 9:15 AM\nSubject: 返信の承認\n\n田中様`],
  ])('%s', (_, reply) => {
    expect(own(reply)).toBe('承認します');
  });

  it("drops the carriers' and apps' footers, keeps the approver's words", () => {
    expect(own('OKです\n\nドコモメールから送信\n\n> 田中様')).toBe('OKです');
    expect(own('OKです\nauメールから送信')).toBe('OKです');
    expect(own('OKです\n\niPhoneから送信\n\n2026/11/30 9:15、kotaeのメール:\n\n> 田中様')).toBe('OKです');
  });

  it('keeps a forward whole: the approver chose to include it', () => {
    expect(own('承認します\n\n--- 転送メッセージ ---\n田中様')).toBe('承認します\n\n--- 転送メッセージ ---\n田中様');
  });
});

describe("the approver's first line is never a signature", () => {
  it.each([
    ['a first line that reads like a device footer', 'スマホから失礼します、承認です。\n\n> 田中様', 'スマホから失礼します、承認です。'],
    ['a first line that names the approver', '佐藤です。この文面で送ってください\n\n> 田中様', '佐藤です。この文面で送ってください'],
    ['a first line "Sent from …, …"', 'Sent from the warehouse, go ahead.\n\n> draft', 'Sent from the warehouse, go ahead.'],
  ])('%s', (_, reply, expected) => {
    expect(own(reply)).toBe(expected);
  });
});

describe("a mailing list's footer is not the approver's text", () => {
  it('drops the Mailman block under a short rule', () => {
    expect(own('Looks good, send it.\n\n__\nshop-team mailing list\nshop-team@lists.example.org\nhttps://lists.example.org/mailman/listinfo/shop-team')).toBe('Looks good, send it.');
  });

  it('keeps a last paragraph that only mentions a list in a sentence', () => {
    const text = 'Approve.\n\nAlso, please add me to the mailing list for the weekly digest when you have a moment.';
    expect(own(text)).toBe(text);
  });
});
