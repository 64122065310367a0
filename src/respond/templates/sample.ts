// The built-in sample data: a plausible case in each language, so every template renders in `templates
// check` and `preview` even when its front matter gives no sample. A template's `sample` is merged over
// these (lists and values replace, groups merge).
import type { Language } from '../../understand/kinds.ts';
import type { RenderData } from '../render-data.ts';

const DEFAULTS: Record<Language, RenderData> = {
  ja: {
    language: 'ja',
    marketplace: 'JP',
    timezone: 'Asia/Tokyo',
    now: '2026-11-24T10:15:00+09:00',
    account: { id: 'jp', shopName: 'サンプル商店', address: 'seller@example.com', sellerId: 'A1B2C3D4E5F6G7' },
    buyer: { name: '山田', relayAddress: 'abc0123456789xyz@marketplace.amazon.co.jp' },
    order: { id: '250-1234567-1234567', asin: 'B0ABCD1234', sku: 'SAMPLE-001', itemTitle: 'ステンレス水筒 500ml', productName: 'ステンレス水筒', fulfilment: 'fba' },
    message: {
      kind: 'buyer_message',
      subject: '商品についての質問',
      text: '届いた商品について質問があります。',
      receivedAt: '2026-11-24T09:02:00+09:00',
      intents: [],
      ownMistake: false,
      receiptAddressee: null,
      receiptNote: null,
      saysLate: false,
    },
    case: {
      id: 1,
      supportCaseId: '12345678901',
      previousSupportCaseId: '12345678900',
      openedAt: '2026-11-20T14:30:00+09:00',
      replyBy: '2026-11-25T09:02:00+09:00',
      amazonAnswers: 1,
      daysWaiting: 3,
      lastAmazonAnswer: 'お問い合わせいただきありがとうございます。ヘルプページをご確認ください。',
      caseLogUrl: 'https://sellercentral.amazon.co.jp/cu/case-dashboard/view-case?caseID=12345678901',
      previousAnswer: '出品者様が商品を削除されたため、エラーとして計上されております。',
      repliedBefore: false,
    },
    support: {
      fault: 'amazon',
      disputed: true,
      admission: { quote: '弊社システムの不具合により、該当SKUの出品情報が削除されておりました。', at: '2026-11-22T11:00:00+09:00' },
      blame: { quote: '出品者様が商品を削除されたため、エラーとして計上されております。', at: '2026-11-20T15:00:00+09:00' },
      money: [{ amount: '3,240円', what: '在庫保管手数料', state: 'claimed' }],
      unpaidTotal: '3,240円',
      promisedAt: null,
      stockAnswers: 1,
    },
  },
  en: {
    language: 'en',
    marketplace: 'US',
    timezone: 'America/New_York',
    now: '2026-11-24T10:15:00-05:00',
    account: { id: 'us', shopName: 'Sample Goods', address: 'seller@example.com', sellerId: 'A7G6F5E4D3C2B1' },
    buyer: { name: 'Josh', relayAddress: 'abc0123456789xyz@marketplace.amazon.com' },
    order: { id: '111-1234567-1234567', asin: 'B0ABCD1234', sku: 'SAMPLE-001', itemTitle: 'Stainless Steel Water Bottle, 17 oz', productName: 'Stainless Steel Water Bottle', fulfilment: 'fba' },
    message: {
      kind: 'buyer_message',
      subject: 'Question about my order',
      text: 'I have a question about the item I received.',
      receivedAt: '2026-11-24T09:02:00-05:00',
      intents: [],
      ownMistake: false,
      receiptAddressee: null,
      receiptNote: null,
      saysLate: false,
    },
    case: {
      id: 1,
      supportCaseId: '12345678901',
      previousSupportCaseId: '12345678900',
      openedAt: '2026-11-20T14:30:00-05:00',
      replyBy: '2026-11-25T09:02:00-05:00',
      amazonAnswers: 1,
      daysWaiting: 3,
      lastAmazonAnswer: 'Thank you for contacting Seller Support. Please see the help page.',
      caseLogUrl: 'https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=12345678901',
      previousAnswer: 'The listing was deleted by the seller, which caused the error.',
      repliedBefore: false,
    },
    support: {
      fault: 'amazon',
      disputed: true,
      admission: { quote: 'Due to a system error on our side, the listing for this SKU was removed.', at: '2026-11-22T11:00:00-05:00' },
      blame: { quote: 'The listing was deleted by the seller, which caused the error.', at: '2026-11-20T15:00:00-05:00' },
      money: [{ amount: '$214.80', what: 'monthly storage fees', state: 'claimed' }],
      unpaidTotal: '$214.80',
      promisedAt: null,
      stockAnswers: 1,
    },
  },
};

/** The built-in sample for `language` with `overrides` merged over it; the language always stays `language`. */
export function sampleData(language: Language, overrides: object = {}): RenderData {
  const merged = merge(structuredClone(DEFAULTS[language]) as unknown as Record<string, unknown>, overrides) as unknown as RenderData;
  merged.language = language;
  return merged;
}

function merge(target: Record<string, unknown>, source: object): Record<string, unknown> {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    target[key] = isGroup(current) && isGroup(value) ? merge({ ...current }, value) : value;
  }
  return target;
}

function isGroup(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
