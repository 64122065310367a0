// The words kotae writes as a careful Japanese shop and for a Japanese seller: relative times, whom a
// mail is about, which cases deserve a reminder, the timeline told in Japanese, and the buyer templates
// using what the buyer wrote (the defect behind a phone request, a receipt's 宛名 and 但し書き, who made
// the mistake, a short product name), every rendering still passing the policy guard.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyLine, type HistoryItem } from '../../src/approval/history.ts';
import { who } from '../../src/approval/mail.ts';
import { taskOf } from '../../src/remind/reminders.ts';
import { checkBuyerMessage, loadGuardRules } from '../../src/respond/guard/index.ts';
import { ownMistake, productName, receiptRequest, saysLate } from '../../src/respond/render-data.ts';
import { loadTemplates, type TemplateInfo } from '../../src/respond/templates/index.ts';
import { relative, sellerTime } from '../../src/shared/time.ts';

const root = join(import.meta.dirname, '..', '..');
const templates = loadTemplates(join(root, 'templates'));
const rules = loadGuardRules(join(root, 'rules', 'guard.yaml'));
const HOUR = 3_600_000;

describe('times and names in mail to the seller', () => {
  const now = new Date('2026-11-20T10:00:00Z');
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR);

  it('says how far off a time is in the seller’s language: before, overdue, ago', () => {
    expect(relative(at(13), now, 'ja', 'overdue')).toBe('あと13時間');
    expect(relative(at(-2), now, 'ja', 'overdue')).toBe('2時間超過');
    expect(relative(at(-2), now, 'ja')).toBe('2時間前');
    expect(relative(at(0.5), now, 'ja')).toBe('あと30分');
    expect(relative(at(-72), now, 'ja', 'overdue')).toBe('3日超過');
    expect(relative(at(13), now)).toBe('in 13 h');
    expect(relative(at(-2), now, 'en', 'overdue')).toBe('2 h overdue');
  });

  it('writes a time the Japanese way, naming the zone only outside Japan', () => {
    expect(sellerTime('2026-11-20T22:42:00Z', 'Asia/Tokyo', 'ja')).toBe('11月21日（土）07:42');
    expect(sellerTime('2026-11-20T22:42:00Z', 'America/New_York', 'ja')).toMatch(/^11月20日（金）17:42（.+）$/);
    expect(sellerTime('2026-11-20T22:42:00Z', 'Asia/Tokyo', 'en')).toBe('2026-11-21 07:42 JST');
  });

  it('names the buyer with one 様, お客様 without a name, and Seller Support as テクニカルサポート', () => {
    const buyer = { audience: 'buyer' as const, supportCaseId: null };
    expect(who({ ...buyer, buyerName: '山田 恵子', orderId: '250-4419267-8302641' }, 'ja')).toBe('山田 恵子様（注文番号 250-4419267-8302641）');
    expect(who({ ...buyer, buyerName: null, orderId: null }, 'ja')).toBe('お客様');
    expect(who({ ...buyer, buyerName: '佐藤様', orderId: null }, 'ja')).toBe('佐藤様');
    expect(who({ audience: 'amazon', supportCaseId: '14872093561', buyerName: null, orderId: null }, 'ja')).toBe('テクニカルサポート（ケースID 14872093561）');
    expect(who({ ...buyer, buyerName: null, orderId: '111-1' }, 'en')).toBe('the buyer, order 111-1');
  });
});

describe('which cases get a reminder', () => {
  const d = (id: number, state: string, play = 'invoice', body = 'text') => ({ id, state, play, body }) as Parameters<typeof taskOf>[0][number];

  it('a draft waiting for approval: approve it', () => {
    expect(taskOf([d(3, 'awaiting_approval'), d(2, 'superseded')])).toEqual({ type: 'approve', draftId: 3 });
  });

  it('a prepared text kotae cannot send: paste it in セラーセントラル', () => {
    expect(taskOf([d(7, 'notify', 'atoz-claim', ''), d(5, 'notify', 'customer-service-forward')])).toEqual({ type: 'paste', draftId: 5 });
  });

  it('a rejected draft, a failed send, or no draft kotae could make: answer in セラーセントラル', () => {
    expect(taskOf([d(4, 'rejected')])).toEqual({ type: 'answer', draftId: 4, why: 'rejected' });
    expect(taskOf([d(4, 'failed')])).toEqual({ type: 'answer', draftId: 4, why: 'failed' });
    expect(taskOf([d(4, 'notify', 'error', '')])).toEqual({ type: 'answer', draftId: 4, why: 'no-draft' });
  });

  it('a thank-you, a notice with nothing to send, a reply on its way, or nothing at all: no reminder', () => {
    expect(taskOf([d(4, 'notify', 'thanks-only', '')])).toBeNull();
    expect(taskOf([d(7, 'notify', 'atoz-claim', '')])).toBeNull();
    expect(taskOf([d(8, 'approved')])).toBeNull();
    expect(taskOf([])).toBeNull();
  });
});

describe('the case timeline told in Japanese', () => {
  const item = (over: Partial<HistoryItem>): HistoryItem => ({ at: '2026-11-20T10:09:00Z', type: 'note', actor: 'kotae', summary: '', data: null, draft: null, ...over });
  const line = (over: Partial<HistoryItem>) => historyLine(item(over), 'ja', 'Asia/Tokyo');

  it('retells each event from its facts, never the English summary', () => {
    const draft = { id: 1, template: 'buyer/fba-return', mode: 'approval', audience: 'buyer' as const, revision: 1, hasBody: true };
    expect(line({ type: 'message_in', actor: 'buyer', summary: 'buyer_message [return]: 返品したいです', data: { kind: 'buyer_message' } })).toBe('11月20日（金）19:09 購入者: 返品したいです');
    expect(line({ type: 'draft', summary: 'Draft #1 (buyer/fba-return, approval): policy check passed', data: { violations: [], placeholders: [] }, draft })).toBe(
      '11月20日（金）19:09 返信案 #1 を作成（buyer/fba-return、承認後に送信、規約チェック 問題なし）',
    );
    expect(line({ type: 'approved', actor: 'approver', summary: 'Approved by owner@example.com', draft })).toBe('11月20日（金）19:09 返信案 #1 を承認（owner@example.com）');
    expect(line({ type: 'sent', summary: 'Sent to x@marketplace.amazon.co.jp (approved by owner@example.com): 山田様 …', draft })).toBe('11月20日（金）19:09 送信（宛先 x@marketplace.amazon.co.jp）: 山田様 …');
    expect(line({ type: 'reminder', summary: 'Reminder: 4h left to answer', data: { point: '4h' } })).toBe('11月20日（金）19:09 返信期限の4時間前にお知らせ');
    expect(line({ summary: 'Draft #1 superseded by a newer message.', draft })).toBe('11月20日（金）19:09 返信案 #1 は新しいメッセージにより差し替え');
  });

  it('keeps the English summary for an English seller', () => {
    expect(historyLine(item({ actor: 'buyer', type: 'message_in', summary: 'buyer_message: hello' }), 'en', 'Asia/Tokyo')).toBe('2026-11-20 19:09 buyer: buyer_message: hello');
  });
});

describe('what the buyer wrote, read for the templates', () => {
  it('cuts a listing title to the product’s name', () => {
    expect(productName('伸縮式 水切りラック シンク上 ステンレス 2段 幅65～90cm')).toBe('伸縮式 水切りラック');
    expect(productName('電気ケトル 1.0L 温度調節 保温機能付き ステンレス ホワイト')).toBe('電気ケトル');
    expect(productName('【送料無料】ステンレス水筒 500ml 保冷 (ブラック)')).toBe('ステンレス水筒');
    expect(productName('有田焼 湯呑み 5客セット 来客用 木箱入り')).toBe('有田焼 湯呑み');
    expect(productName('Minato Store Hinoki Cutting Board, Japanese Cypress Wood, 15.7 x 9.8 inch', 'Minato Store')).toBe('Hinoki Cutting Board');
    expect(productName('500ml')).toBeNull();
    expect(productName(null)).toBeNull();
  });

  it('hears a buyer admit their own mistake, and only then', () => {
    expect(ownMistake('よく測らずに注文してしまった私の落ち度で申し訳ないのですが、返品できますか')).toBe(true);
    expect(ownMistake('サイズを間違えて注文してしまいました')).toBe(true);
    expect(ownMistake('I ordered the wrong size, my mistake.')).toBe(true);
    expect(ownMistake('届いた商品が壊れていました。返品したいです。')).toBe(false);
  });

  it('hears a buyer say the order has not come, and not a plain question when it comes', () => {
    expect(saysLate('商品がまだ届きません')).toBe(true);
    expect(saysLate('お届け予定日を過ぎても届いていません。')).toBe(true);
    expect(saysLate("My order hasn't arrived yet.")).toBe(true);
    expect(saysLate('注文した商品はいつ届きますか。')).toBe(false);
  });

  it('reads the 宛名 and 但し書き of a receipt request', () => {
    expect(receiptRequest('宛名は「㈱みらい設計」、但し書きは「お品代として」でお願いいたします。')).toEqual({ addressee: '㈱みらい設計', note: 'お品代として' });
    expect(receiptRequest('領収書をお願いします。')).toEqual({ addressee: null, note: null });
  });
});

describe('buyer templates written from what the buyer wrote', () => {
  function render(name: string, language: 'ja' | 'en', set: (s: TemplateInfo['sample']) => void) {
    const info = templates.get(name, language)!;
    const sample = structuredClone(info.sample);
    set(sample);
    const out = templates.render(name, language, sample);
    expect(checkBuyerMessage({ text: out.text, subject: out.subject, language }, rules).violations, `${name}.${language}`).toEqual([]);
    return out.text;
  }
  const kettle = (s: TemplateInfo['sample']) => {
    s.order.productName = '電気ケトル';
    s.message.intents = ['defect', 'phone_request'];
  };

  it('phone request about a defect: apologises for it and offers the solution in writing, never a call', () => {
    for (const fulfilment of ['fba', 'merchant'] as const) {
      const ja = render('buyer/phone-request', 'ja', (s) => {
        kettle(s);
        s.order.fulfilment = fulfilment;
      });
      expect(ja).toContain('お届けした「電気ケトル」に不具合があったとのこと');
      expect(ja).toContain('申し訳ございません');
      expect(ja).toContain('「返品・交換」');
      expect(ja).toContain('お電話での対応はいたしかねます');
      expect(ja).not.toContain('ご用件の詳細');
    }
    const en = render('buyer/phone-request', 'en', (s) => {
      s.order.productName = 'Electric Kettle';
      s.message.intents = ['defect', 'phone_request'];
    });
    expect(en).toContain("We're very sorry to hear that the Electric Kettle you received has a problem");
    expect(en).toContain("We don't handle requests by phone");
  });

  it('receipt request with 宛名 and 但し書き: the shop issues it with them, not ご自身で', () => {
    const ja = render('buyer/invoice', 'ja', (s) => {
      s.message.receiptAddressee = '㈱みらい設計';
      s.message.receiptNote = 'お品代として';
    });
    expect(ja).toContain('宛名「㈱みらい設計」、但し書き「お品代として」で領収書を作成し、このメッセージにPDFを添付してお送りいたします。');
    expect(ja).not.toContain('ご自身で');
    const en = render('buyer/invoice', 'en', (s) => (s.message.receiptAddressee = 'Mirai Design Inc.'));
    expect(en).toContain('addressed to "Mirai Design Inc."');
  });

  it('a buyer who admits their own mistake is thanked, not apologised to; a defect gets the apology', () => {
    for (const name of ['buyer/fba-return', 'buyer/merchant-return']) {
      const own = render(name, 'ja', (s) => {
        s.message.intents = ['return'];
        s.message.ownMistake = true;
      });
      expect(own).toContain('ご丁寧にご連絡いただき、恐れ入ります');
      expect(own).not.toMatch(/申し訳|ご不便/);
      expect(render(name, 'ja', (s) => (s.message.intents = ['return', 'defect']))).toContain('ご迷惑をおかけして大変申し訳ございません');
      expect(render(name, 'en', (s) => (s.message.ownMistake = true))).not.toMatch(/sorry/i);
    }
  });

  it('a follow-up in the same conversation thanks the buyer for the reply instead of the first greeting', () => {
    const again = render('buyer/general', 'ja', (s) => (s.case.repliedBefore = true));
    expect(again).toContain('ご返信いただき、ありがとうございます。');
    expect(again).not.toContain('ご利用いただき');
    expect(render('buyer/general', 'ja', () => {})).toContain('このたびはサンプル商店をご利用いただき');
  });

  it('a buyer whose order is late gets an apology and the shop looking into it, not "write again"', () => {
    const late = render('buyer/delivery-status', 'ja', (s) => (s.message.saysLate = true));
    expect(late).toContain('大変申し訳ございません');
    expect(late).not.toContain('お届け予定日を過ぎても商品が届かない場合は');
    expect(render('buyer/delivery-status', 'ja', (s) => (s.message.saysLate = false))).toContain('お届け予定日を過ぎても商品が届かない場合は');
    expect(render('buyer/delivery-status', 'en', (s) => (s.message.saysLate = true))).toContain('We are checking the delivery status');
  });

  it('never tells a buyer a return request was authorized: kotae cannot authorize it', () => {
    for (const language of ['ja', 'en'] as const) {
      const text = render('buyer/merchant-return', language, (s) => (s.message.kind = 'return_request'));
      expect(text).not.toMatch(/承認いたしました|We have authorized/);
    }
  });

  it('no dated opening, no doubled construction, the short name, return steps in one polite form', () => {
    for (const info of templates.list().filter((t) => t.audience === 'buyer' && t.language === 'ja')) {
      const text = templates.render(info.name, 'ja', info.sample).text;
      expect(text, info.name).not.toContain('Amazonマーケットプレイスにて');
      expect(text, info.name).not.toMatch(/についてのお問い合わせにつきまして/);
      // Every numbered step asks the buyer to do something, in the same polite form.
      for (const step of text.split('\n').filter((l) => /^\d\. /.test(l))) expect(step, info.name).toMatch(/ください。$/);
    }
    const fba = render('buyer/fba-return', 'ja', (s) => (s.order.productName = '伸縮式 水切りラック'));
    expect(fba).toContain('「伸縮式 水切りラック」');
    expect(fba).not.toContain('幅65');
  });
});
