// The categories the classifier misread on classify-r22 (read once classify-r24 was written to measure
// instead; docs/understanding-measures.md), each with messages of our own, never the corpus's.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/understand/classify.ts';
import { mail, relayedIntents as intents, shippedClassifyRules } from '../support/categories.ts';

const RELAY_JP = '木村 - Amazonマーケットプレイス <q2w7k4x9m1r8t3p@marketplace.amazon.co.jp>';
const RELAY_US = 'Morgan - Amazon Marketplace <t8r3m1x9k4w7q2p@marketplace.amazon.com>';

describe("a colleague's forward of a buyer's message", () => {
  const relayed = (lead: string) =>
    `${lead}\n\n---------- Forwarded message ---------\nFrom: 木村 - Amazonマーケットプレイス <q2w7k4x9m1r8t3p@marketplace.amazon.co.jp>\nDate: 2026年12月1日(火) 9:12\nSubject: 注文番号 503-1122334-5566778 についてのお問い合わせ\nTo: <staff@example.com>\n\n注文番号：503-1122334-5566778\n\n------------- メッセージはここから -------------\n\n届いた急須の注ぎ口が欠けていました。\n\n------------- メッセージはここまで -------------\n`;

  it("reads the buyer's words, not the colleague's note, when the forward comes from the shop's own domain", () => {
    const c = classify(mail('staff@example.com', 'Fwd: 注文番号 503-1122334-5566778 についてのお問い合わせ', relayed('店長、返品はしないそうですが一応見ておいてください。')), shippedClassifyRules());
    expect(c).toMatchObject({ kind: 'buyer_message', intents: ['defect'], relayAddress: 'q2w7k4x9m1r8t3p@marketplace.amazon.co.jp', text: '届いた急須の注ぎ口が欠けていました。' });
    expect(c.rule).toMatch(/^team-forward/);
  });

  it('reads the relay markers when the client left the header block out', () => {
    const text = 'これお願いします。\n\n注文番号 503-1122334-5566778:\n\n------------- メッセージはここから -------------\n\n領収書を発行していただけますか。\n\n------------- メッセージはここまで -------------\n';
    const c = classify(mail('staff@example.com', '転送: Amazon.co.jpのお客様からのお問い合わせ', text), shippedClassifyRules());
    expect(c).toMatchObject({ kind: 'buyer_message', intents: ['invoice_request'], relayAddress: null });
  });

  it('never trusts a forward between addresses of a public mail service: anyone can have one', () => {
    const forward = mail('someone@gmail.com', 'Fwd: 注文番号 503-1122334-5566778 についてのお問い合わせ', relayed('お願いします。'));
    const c = classify({ ...forward, to: [{ address: 'myshop@gmail.com', name: '' }] }, shippedClassifyRules());
    expect(c.kind).toBe('other');
  });

  it("leaves a stranger's forward in Amazon's words a look-alike", () => {
    const c = classify(mail('notice@other-domain.example', 'Fwd: Amazon.co.jpのお客様からのお問い合わせ', relayed('ご確認ください。')), shippedClassifyRules());
    expect(c).toMatchObject({ kind: 'other', rule: 'imitates-amazon' });
  });
});

describe('a field label in a new wording', () => {
  it('"Comments from the buyer:" opens the buyer\'s words in a claim notice', () => {
    const body = 'The buyer of the order below has filed an A-to-z Guarantee claim.\n\n-- Order number: 204-1234567-7654321\n-- Claim reason: Item not received\n\nComments from the buyer:\nTwo weeks and still nothing, tracking has not moved since the 3rd.\n\nPlease respond within 72 hours.';
    const c = classify(mail('atoz-guarantee-no-reply@amazon.co.uk', 'Claim received on order 204-1234567-7654321', body), shippedClassifyRules());
    expect(c.text).toBe('Two weeks and still nothing, tracking has not moved since the 3rd.');
    expect(c.intents).toContain('delivery_status');
  });
});

describe('returns asked for in other words', () => {
  it('taking it back, the money given back, changing it for another', () => {
    expect(intents(RELAY_JP, '使い方が難しくて私には無理でしたので、お引き取りいただけませんか。')).toEqual(['return']);
    expect(intents(RELAY_JP, 'お金は夫の口座に戻していただければ助かります。')).toEqual(['return']);
    expect(intents(RELAY_US, 'Could I change it for the larger one?')).toEqual(['return']);
  });

  it('not when the buyer says a return is not on their mind', () => {
    expect(intents(RELAY_JP, '少し擦れがありますが、返品は考えていません。')).toEqual(['defect']);
  });
});

describe('faults told as what came instead, or what happened on the way', () => {
  it('ordered one thing, another in the box; snapped; soaked', () => {
    expect(intents(RELAY_US, 'I have order the green one but in the box is a brown one.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'I think it was a mistake in your warehouse.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'One of the legs was snapped in half.')).toEqual(['defect']);
    expect(intents(RELAY_US, 'The box arrived soaked and the book inside is ruined.')).toEqual(['defect']);
    expect(intents(RELAY_JP, '雨で箱が濡れていて、中の説明書がふやけていました。')).toEqual(['defect']);
  });

  it('not a fault the buyer rules out, nor one they only fear', () => {
    expect(intents(RELAY_JP, '故障ではないと思うのですが、設定の仕方が分かりません。')).toEqual(['product_question']);
    expect(intents(RELAY_JP, 'すぐに電源が落ちます。初期不良ではないかと思います。')).toEqual(['defect']);
    expect(intents(RELAY_US, 'Can the lid go in the oven? I do not want it to crack.')).toEqual(['product_question']);
  });
});

describe('addresses: a new one asked for, an old mistake thanked for, the driver at fault', () => {
  it('sent to the wrong address, send it to the one below', () => {
    expect(intents(RELAY_US, 'The order went to my old address instead of the office.')).toEqual(['address_change']);
    expect(intents(RELAY_US, 'If it has not shipped, please send it to: 12 Hill Road, Leeds LS6 2AB')).toEqual(['address_change']);
    expect(intents(RELAY_JP, 'まだ発送前でしたら、下記の住所に送っていただけますか。')).toEqual(['address_change']);
  });

  it('not a mistake already put right, nor the driver leaving it at the wrong house', () => {
    expect(intents(RELAY_JP, '部屋番号が抜けていたのに、直していただきありがとうございました。')).toEqual([]);
    expect(intents(RELAY_US, 'The driver left it at the wrong house number, but my neighbour brought it round.')).toEqual([]);
  });
});

describe('delivery: the return parcel, and arriving in time', () => {
  it("a return parcel's tracking is no question about the delivery", () => {
    expect(intents(RELAY_JP, '返品用ラベルで返送し、追跡でも配達完了になっています。返金をお願いします。')).toEqual(['return']);
  });

  it('will it get there in time', () => {
    expect(intents(RELAY_US, "Do you think it'll get to Perth in time for Friday?")).toEqual(['delivery_status']);
  });
});

describe('an invoice the buyer does not want in the parcel', () => {
  it('a gift without the receipt is no request for one', () => {
    expect(intents(RELAY_JP, 'プレゼントなので、金額のわかる明細書は同梱しないでください。')).toEqual([]);
    expect(intents(RELAY_US, "It's a gift, so please don't include the receipt in the box.")).toEqual([]);
  });
});

// From a review of these categories by a helper who tried them on sentences of its own: each excuse leaves a
// request after it standing, and each new pattern leaves ordinary sentences alone.
describe('the new excuses keep a request said after them', () => {
  it('a return, an invoice, a late replacement, a crack, an address', () => {
    expect(intents(RELAY_JP, '返金は希望しません、交換してください。')).toEqual(['return']);
    expect(intents(RELAY_JP, '返品は考えていませんでしたが、やはり返品したいです。')).toEqual(['return']);
    expect(intents(RELAY_US, "Please don't include the invoice in the box, but could you email me a VAT invoice?")).toEqual(['invoice_request']);
    expect(intents(RELAY_JP, '納品書は不要ですが、適格請求書を発行してください。')).toEqual(['invoice_request']);
    expect(intents(RELAY_US, "I sent it back last week with tracking, and my replacement still hasn't arrived.")).toEqual(['delivery_status']);
    expect(intents(RELAY_JP, '故障ではなさそうですが、画面にヒビが入っていて割れています。')).toEqual(['defect']);
    expect(intents(RELAY_JP, '割れないか心配していましたが、届いたら割れていました。')).toEqual(['defect']);
    expect(intents(RELAY_JP, 'ご対応いただき、ありがとうございます、お届け先を下記の住所に変更してください。')).toEqual(['address_change']);
    expect(intents(RELAY_US, 'The courier has my old address wrong, please send it to my new address: 4 Pine Ave.')).toEqual(['address_change']);
  });
});

describe('the new patterns leave ordinary sentences alone', () => {
  it('a gift beside a question about the product', () => {
    expect(intents(RELAY_JP, '贈答用ですが、こちらは日本製ですか？')).toEqual(['product_question']);
    expect(intents(RELAY_US, "It's a gift for my wife, is the strap adjustable?")).toEqual(['product_question']);
  });

  it('what came being fine, wet hands, a worry about scuffs, a delivery changed, an address confirmed, a temperature in time', () => {
    expect(intents(RELAY_US, 'I ordered a size M but it came quickly and fits well.')).toEqual([]);
    expect(intents(RELAY_JP, '濡れた手で触っても平気ですか。')).toEqual(['product_question']);
    expect(intents(RELAY_JP, '革の擦れが気になるのですが、お手入れ方法を教えてください。')).toEqual(['product_question']);
    expect(intents(RELAY_US, 'Please change the delivery for a later date.')).not.toContain('return');
    expect(intents(RELAY_JP, '以下の住所に届くということでよろしいでしょうか。')).toEqual(['product_question']);
    expect(intents(RELAY_US, 'Will this reach 100 degrees in time for cooking?')).toEqual(['product_question']);
    expect(intents(RELAY_US, "It went to my work address instead of my home, but that's fine, I picked it up.")).toEqual([]);
  });
});
