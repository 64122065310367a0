// A deterministic generator of realistic Amazon seller mail, for integration tests and benchmarks:
// Japanese and English buyer messages through the Amazon relay, Seller Support case mail and order
// notices, in mixed transfer encodings (UTF-8 base64, quoted-printable, ISO-2022-JP 7bit, 8bit),
// a share of them with a PDF or JPEG attachment of 20-300 KB.
//
// Same (count, seed, options) → the same bytes, always: a seeded PRNG, never Math.random or the
// clock. Message-IDs embed the seed and the index, so two calls with different seeds never collide.
// Fast enough for 20,000 messages: attachment bytes are slices of one pseudo-random pool per call and
// ISO-2022-JP lines are encoded once each.
import Encoding from 'encoding-japanese';

export interface GenerateOptions {
  seed: number;
  /** Share of messages with a PDF or JPEG attachment (0..1). Default 0.05. */
  attachmentRatio?: number;
  /** Date of the first message; each next one is 1 s to 10 min later. Default 2026-10-01T00:00:00Z. */
  start?: Date;
}

export type GeneratedKind = 'buyer-jp' | 'buyer-en' | 'support-jp' | 'support-en' | 'order-jp' | 'order-en';

/** What a generated message is, for tests that want to check more than counts. */
export interface GeneratedInfo {
  messageId: string;
  kind: GeneratedKind;
  encoding: BodyEncoding;
  attachment: { filename: string; contentType: string; size: number } | null;
}

type BodyEncoding = 'base64' | 'quoted-printable' | 'iso-2022-jp' | '8bit' | '7bit';

/** mulberry32: small, fast, good enough for test data. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateMessages(count: number, options: GenerateOptions): Buffer[] {
  return generateMessagesWithInfo(count, options).messages;
}

export function generateMessagesWithInfo(count: number, options: GenerateOptions): { messages: Buffer[]; info: GeneratedInfo[] } {
  const g = new Generator(options);
  const messages: Buffer[] = [];
  const info: GeneratedInfo[] = [];
  for (let i = 0; i < count; i++) {
    const { bytes, meta } = g.message(i);
    messages.push(bytes);
    info.push(meta);
  }
  return { messages, info };
}

// ---------------------------------------------------------------------------------------------
// Content pools.

const JP_NAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤', '吉田', '山田', '松本', '井上', '木村', '清水'];
const EN_NAMES = ['Josh', 'Emily', 'Michael', 'Sarah', 'David', 'Jessica', 'Chris', 'Ashley', 'Daniel', 'Megan', 'Kevin', 'Laura', 'Brian', 'Rachel'];

const JP_PRODUCTS = [
  'USB-C to USB-C ケーブル 2m 2本セット PD 60W 急速充電',
  'ステンレス製 真空断熱タンブラー 600ml 保温保冷',
  'ワイヤレスイヤホン Bluetooth 5.3 ノイズキャンセリング',
  'A4 クリアファイル 100枚入り 透明',
  '折りたたみ傘 自動開閉 晴雨兼用 軽量',
  'シリコン製 キッチンスパチュラ 3本セット',
  '加湿器 超音波式 卓上 2.5L 静音',
];
const EN_PRODUCTS = [
  'Stainless Steel Insulated Tumbler 20 oz',
  'USB-C Charging Cable 6 ft, 2-Pack',
  'Wireless Earbuds Bluetooth 5.3 with Charging Case',
  'Silicone Baking Mat Set of 3',
  'Compact Travel Umbrella, Auto Open/Close',
  'LED Desk Lamp with USB Charging Port',
];

const JP_INQUIRIES: string[][] = [
  ['先日注文した商品がまだ届いていません。', '配送状況を教えていただけますでしょうか。', 'お忙しいところ恐れ入りますが、よろしくお願いいたします。'],
  ['昨日注文したのですが、同じものを家族がすでに買っていたことがわかりました。', 'まだ発送前でしたらキャンセルをお願いできますでしょうか。'],
  ['会社の経費で購入したため、領収書の発行をお願いできますでしょうか。', '宛名は「株式会社サンプル商事」でお願いいたします。'],
  ['届いた商品を確認したところ、電源が入りませんでした。', '充電を一晩しても状態は変わりません。', '交換または返品の方法を教えてください。'],
  ['こちらの商品は食器洗い乾燥機に対応していますでしょうか。', '購入前に確認したく、ご連絡いたしました。'],
  ['商品は無事に届きました。', '丁寧な梱包をありがとうございました。', 'また利用させていただきます。'],
  ['注文時の住所に誤りがありました。', '番地の後に「202号室」を追加していただけますでしょうか。'],
];
const EN_INQUIRIES: string[][] = [
  ['Hi, I ordered this a week ago and the tracking has not updated since Monday.', 'Could you check where my package is?', 'Thanks.'],
  ['Hello, I placed this order by mistake. Can you cancel it before it ships?'],
  ['Could you send me an invoice for this order? I need it for my company records.'],
  ['The item arrived damaged: the lid is cracked and it leaks.', 'How do I get a replacement or a refund?'],
  ['Is this tumbler dishwasher safe? The listing does not say.'],
  ['Got it today, works great. Thank you for the fast shipping!'],
  ['I need to change the shipping address to my office. Is that still possible?'],
];

const SUPPORT_EN: { topic: string; lines: string[] }[] = [
  {
    topic: 'Inventory lost in FBA warehouse',
    lines: [
      'Thank you for contacting us about the units that are no longer shown in your inventory.',
      'I checked the Inventory Ledger: the units were marked as misplaced and are being searched for.',
      'To continue the investigation, please reply with proof of inventory ownership for these units.',
    ],
  },
  {
    topic: 'Listing suppressed for missing information',
    lines: ['I understand that your listing is no longer visible to buyers.', 'The listing is missing the required product dimensions; once you add them it will be reactivated within 24 hours.'],
  },
  {
    topic: 'Reimbursement request',
    lines: ['I have reviewed your reimbursement request.', 'A reimbursement has been issued for the damaged units and will appear in your next settlement.'],
  },
];
const SUPPORT_JP: { topic: string; lines: string[] }[] = [
  {
    topic: 'FBA在庫の紛失について',
    lines: ['Amazonセラーサポートにお問い合わせいただき、ありがとうございます。', '在庫の記録を確認いたしましたところ、該当の商品は現在調査中となっております。', '調査を進めるため、仕入れ先の請求書をご返信にて添付してください。'],
  },
  {
    topic: '出品の停止について',
    lines: ['ご連絡いただきありがとうございます。', '該当の出品は必要な商品情報が不足しているため、一時的に非表示となっております。', '情報を追加いただきますと、24時間以内に再開されます。'],
  },
];

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const HEX = '0123456789abcdef';
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CRLF = '\r\n';

const POOL_SIZE = 320 * 1024;
const MIN_ATTACHMENT = 20 * 1024;
const MAX_ATTACHMENT = 300 * 1024;

class Generator {
  readonly #rand: () => number;
  readonly #seed: number;
  readonly #attachmentRatio: number;
  #time: number;
  #pool: Buffer | null = null;
  readonly #jisCache = new Map<string, Buffer>();

  constructor(options: GenerateOptions) {
    this.#seed = options.seed >>> 0;
    this.#rand = prng(this.#seed);
    this.#attachmentRatio = options.attachmentRatio ?? 0.05;
    this.#time = (options.start ?? new Date('2026-10-01T00:00:00Z')).getTime();
  }

  #int(min: number, max: number): number {
    return min + Math.floor(this.#rand() * (max - min + 1));
  }

  #pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.#rand() * items.length)]!;
  }

  #chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.#rand() * alphabet.length)];
    return s;
  }

  #digits(n: number): string {
    let s = String(this.#int(1, 9));
    for (let i = 1; i < n; i++) s += String(this.#int(0, 9));
    return s;
  }

  message(index: number): { bytes: Buffer; meta: GeneratedInfo } {
    this.#time += this.#int(1, 600) * 1000;
    const r = this.#rand();
    const kind: GeneratedKind = r < 0.4 ? 'buyer-jp' : r < 0.7 ? 'buyer-en' : r < 0.78 ? 'support-jp' : r < 0.88 ? 'support-en' : r < 0.94 ? 'order-jp' : 'order-en';
    const japanese = kind.endsWith('-jp');
    let encoding: BodyEncoding = japanese ? this.#pick(['base64', 'quoted-printable', 'iso-2022-jp', '8bit'] as const) : this.#pick(['quoted-printable', '7bit', 'base64'] as const);
    const messageId = `<0100019${this.#chars(HEX, 9)}-${this.#chars(HEX, 8)}-${this.#seed.toString(16)}-${index.toString(16).padStart(6, '0')}-000000@${japanese ? 'ap-northeast-1' : 'us-west-2'}.amazonses.com>`;

    const content = this.#content(kind);
    if (encoding === '7bit' && /[^\x00-\x7f]/.test(content.lines.join(''))) encoding = 'quoted-printable';
    const charset = encoding === 'iso-2022-jp' ? 'ISO-2022-JP' : 'UTF-8';
    const headers: string[] = [
      `Date: ${formatDate(this.#time, japanese ? 9 * 60 : -7 * 60)}`,
      `From: ${this.#encodeWords(content.fromName, charset)} <${content.fromAddress}>`,
      'To: shop@example.com',
      `Subject: ${this.#encodeWords(content.subject, charset)}`,
      `Message-ID: ${messageId}`,
      'MIME-Version: 1.0',
      ...content.extraHeaders,
    ];

    const textHeaders = [`Content-Type: text/plain; charset=${encoding === '7bit' ? 'us-ascii' : charset === 'UTF-8' ? 'utf-8' : charset}`, `Content-Transfer-Encoding: ${encoding === 'iso-2022-jp' ? '7bit' : encoding}`];
    const body = this.#encodeBody(content.lines, encoding);

    let attachment: GeneratedInfo['attachment'] = null;
    let text: string;
    if (this.#rand() < this.#attachmentRatio) {
      const boundary = `----=_Part_${this.#seed}_${index}.${this.#chars(HEX, 12)}`;
      const isPdf = this.#rand() < 0.6;
      const size = this.#int(MIN_ATTACHMENT, MAX_ATTACHMENT);
      const filename = isPdf ? `invoice-${content.reference}.pdf` : `photo-${content.reference}.jpg`;
      const contentType = isPdf ? 'application/pdf' : 'image/jpeg';
      attachment = { filename, contentType, size };
      headers.push(`Content-Type: multipart/mixed;${CRLF} boundary="${boundary}"`);
      text = [
        headers.join(CRLF),
        '',
        'This is a multi-part message in MIME format.',
        '',
        `--${boundary}`,
        ...textHeaders,
        '',
        body.text,
        `--${boundary}`,
        `Content-Type: ${contentType}; name="${filename}"`,
        `Content-Disposition: attachment; filename="${filename}"`,
        'Content-Transfer-Encoding: base64',
        '',
        wrapBase64(this.#attachmentBytes(isPdf, size, index)),
        `--${boundary}--`,
        '',
      ].join(CRLF);
    } else {
      text = [...headers, ...textHeaders, '', body.text].join(CRLF) + CRLF;
    }
    const bytes = encoding === 'iso-2022-jp' ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
    return { bytes, meta: { messageId, kind, encoding: body.encoding, attachment } };
  }

  #content(kind: GeneratedKind): { fromName: string; fromAddress: string; subject: string; lines: string[]; extraHeaders: string[]; reference: string } {
    const relay = this.#chars(ALNUM, 15);
    switch (kind) {
      case 'buyer-jp': {
        const order = `${this.#pick(['250', '249', '503'])}-${this.#digits(7)}-${this.#digits(7)}`;
        const name = this.#pick(JP_NAMES);
        const product = this.#pick(JP_PRODUCTS);
        const token = this.#chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 14);
        return {
          fromName: `${name} - Amazon Marketplace`,
          fromAddress: `${relay}@marketplace.amazon.co.jp`,
          subject: `お客様からの問い合わせ（注文番号：${order}）`,
          extraHeaders: ['X-Amazon-Mail-Relay-Type: notification'],
          reference: order,
          lines: [
            `注文番号：${order}`,
            `1 点: ${product} [ASIN: B0${this.#chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8)}]`,
            '',
            '------------- メッセージはここから -------------',
            '',
            ...this.#pick(JP_INQUIRIES),
            '',
            '------------- メッセージはここまで -------------',
            '',
            'ご参考：紛争の解決と信頼・安全性の確保のため、Amazon.co.jpを通じて購入者と出品者の間で送信されたメッセージはすべて2年間保存されます。',
            '',
            `このメッセージが不審であると思われる場合は、こちらからご報告ください: https://www.amazon.co.jp/gp/communication-manager/report.html?ie=UTF8&msg=${token}`,
            '',
            `[commMgrTok:${token}]`,
          ],
        };
      }
      case 'buyer-en': {
        const order = `${this.#pick(['111', '112', '113', '114'])}-${this.#digits(7)}-${this.#digits(7)}`;
        const name = this.#pick(EN_NAMES);
        const token = this.#chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 14);
        return {
          fromName: `${name} - Amazon Marketplace`,
          fromAddress: `${relay}@marketplace.amazon.com`,
          subject: `Inquiry from Amazon customer ${name} (Order: ${order})`,
          extraHeaders: ['X-Amazon-Mail-Relay-Type: notification'],
          reference: order,
          lines: [
            `Order ID ${order}:`,
            `1 of ${this.#pick(EN_PRODUCTS)} [ASIN: B0${this.#chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 8)}]`,
            '',
            '------------- Begin message -------------',
            '',
            ...this.#pick(EN_INQUIRIES),
            '',
            '------------- End message -------------',
            '',
            'For Your Information: To help arbitrate disputes and preserve trust and safety, we retain all messages buyers and sellers send through Amazon.com for two years.',
            '',
            `Was this email helpful? https://sellercentral.amazon.com/gp/communication-manager/survey.html?msg=${token}`,
            '',
            `[commMgrTok:${token}]`,
          ],
        };
      }
      case 'support-jp':
      case 'support-en': {
        const caseId = this.#digits(11);
        const jp = kind === 'support-jp';
        const topic = this.#pick(jp ? SUPPORT_JP : SUPPORT_EN);
        return {
          fromName: jp ? 'Amazon セラーサポート' : 'Amazon Selling Partner Support',
          fromAddress: jp ? 'seller-answers@amazon.co.jp' : 'seller-answers@amazon.com',
          subject: `[Case ID: ${caseId}] ${topic.topic}`,
          extraHeaders: [],
          reference: caseId,
          lines: jp
            ? ['出品者様', '', ...topic.lines, '', `Case ID: ${caseId}`, '', 'Amazonセラーサポート', 'https://sellercentral.amazon.co.jp/cu/case-dashboard/view-case?caseID=' + caseId]
            : ['Hello from Amazon Selling Partner Support,', '', ...topic.lines, '', `Case ID: ${caseId}`, '', 'Best regards,', `${this.#pick(EN_NAMES)} ${this.#chars('ABCDEFGHJKLMNPRSTW', 1)}.`, 'Amazon Selling Partner Support'],
        };
      }
      case 'order-jp': {
        const order = `${this.#pick(['250', '249', '503'])}-${this.#digits(7)}-${this.#digits(7)}`;
        const product = this.#pick(JP_PRODUCTS);
        return {
          fromName: 'Amazon.co.jp',
          fromAddress: 'donotreply@amazon.co.jp',
          subject: `売れました！出荷してください：${product.slice(0, 16)}`,
          extraHeaders: ['Auto-Submitted: auto-generated'],
          reference: order,
          lines: ['出品者様', '', '以下の商品が購入されました。商品を出荷し、出荷通知を送信してください。', '', `注文番号：${order}`, `商品名：${product}`, `数量：${this.#int(1, 3)}`, '', 'セラーセントラルで注文の詳細を確認してください。'],
        };
      }
      case 'order-en': {
        const order = `${this.#pick(['111', '112', '113', '114'])}-${this.#digits(7)}-${this.#digits(7)}`;
        const product = this.#pick(EN_PRODUCTS);
        return {
          fromName: 'Amazon Seller Notification',
          fromAddress: 'seller-notification@amazon.com',
          subject: `Sold, ship now: ${product}`,
          extraHeaders: ['Auto-Submitted: auto-generated'],
          reference: order,
          lines: ['Dear Seller,', '', 'Congratulations, you have sold an item. Please ship it now.', '', `Order ID: ${order}`, `Item: ${product}`, `Quantity: ${this.#int(1, 3)}`, '', 'Go to Seller Central to review the order details.'],
        };
      }
    }
  }

  #encodeBody(lines: string[], encoding: BodyEncoding): { text: string; encoding: BodyEncoding } {
    switch (encoding) {
      case 'base64':
        return { text: wrapBase64(Buffer.from(lines.join(CRLF) + CRLF, 'utf8')), encoding };
      case 'quoted-printable':
        return { text: lines.map((l) => quotedPrintable(Buffer.from(l, 'utf8'))).join(CRLF), encoding };
      case 'iso-2022-jp':
        // Latin-1 round trip: the JIS bytes are all 7-bit, so the final Buffer.from(…, 'latin1') keeps them.
        return { text: lines.map((l) => this.#jis(l).toString('latin1')).join(CRLF), encoding };
      case '8bit':
      case '7bit':
        return { text: lines.join(CRLF), encoding };
    }
  }

  /** ISO-2022-JP bytes of one line (each line ends back in ASCII, so lines concatenate). */
  #jis(line: string): Buffer {
    let out = this.#jisCache.get(line);
    if (!out) {
      out = Buffer.from(Encoding.convert(line, { to: 'JIS', from: 'UNICODE', type: 'array' }));
      this.#jisCache.set(line, out);
    }
    return out;
  }

  /** RFC 2047 B-encoded words, folded; plain ASCII stays as it is. */
  #encodeWords(text: string, charset: 'UTF-8' | 'ISO-2022-JP'): string {
    if (/^[\x20-\x7e]*$/.test(text)) return text;
    const chars = Array.from(text);
    const words: string[] = [];
    const per = charset === 'UTF-8' ? 12 : 14;
    for (let i = 0; i < chars.length; i += per) {
      const piece = chars.slice(i, i + per).join('');
      const bytes = charset === 'UTF-8' ? Buffer.from(piece, 'utf8') : this.#jis(piece);
      words.push(`=?${charset}?B?${bytes.toString('base64')}?=`);
    }
    return words.join(`${CRLF} `);
  }

  /** Attachment bytes: a slice of the pool behind a real file signature, with the index mixed in. */
  #attachmentBytes(isPdf: boolean, size: number, index: number): Buffer {
    if (!this.#pool) {
      const words = new Uint32Array(POOL_SIZE / 4);
      for (let i = 0; i < words.length; i++) words[i] = Math.floor(this.#rand() * 4294967296);
      this.#pool = Buffer.from(words.buffer);
    }
    const head = isPdf ? Buffer.from(`%PDF-1.4\n%\xe2\xe3\xcf\xd3\n% kotae test ${this.#seed}/${index}\n`, 'latin1') : Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
    const tail = isPdf ? Buffer.from('\n%%EOF\n', 'latin1') : Buffer.from([0xff, 0xd9]);
    const middle = size - head.length - tail.length;
    const offset = this.#int(0, POOL_SIZE - middle);
    return Buffer.concat([head, this.#pool.subarray(offset, offset + middle), tail]);
  }
}

function wrapBase64(bytes: Buffer): string {
  const s = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < s.length; i += 76) lines.push(s.slice(i, i + 76));
  return lines.join(CRLF);
}

/** Quoted-printable of one line's bytes, soft-broken to at most 76 characters. */
function quotedPrintable(bytes: Buffer): string {
  let out = '';
  let lineLength = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const last = i === bytes.length - 1;
    const token = (b >= 33 && b <= 126 && b !== 61) || (b === 32 && !last) ? String.fromCharCode(b) : `=${HEX[b >> 4]!.toUpperCase()}${HEX[b & 15]!.toUpperCase()}`;
    if (lineLength + token.length > 75) {
      out += `=${CRLF}`;
      lineLength = 0;
    }
    out += token;
    lineLength += token.length;
  }
  return out;
}

/** RFC 5322 date in a fixed offset (minutes east of UTC). */
function formatDate(ms: number, offsetMinutes: number): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const sign = offsetMinutes >= 0 ? '+' : '-';
  const abs = Math.abs(offsetMinutes);
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}
