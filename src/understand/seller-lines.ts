// What the seller writes about a case, in a reply to kotae's mail or on the command line: a note
// (メモ: / Note:), who is at fault (責任: / Fault:), money at stake (金額: / Money:). Pure: text in,
// settings or problems out; the callers word the problems for their reader.
import { normalise } from './extract.ts';
import { findAmounts, type FaultParty, type MoneyState, type NoteChannel } from './support-facts.ts';

export interface MoneySetting {
  amount: number;
  currency: string;
  what: string;
  /** null: take this amount off the case (the seller typed it wrong). */
  state: MoneyState | null;
}

export type Problem =
  | { field: 'fault'; value: string }
  | { field: 'money'; value: string; missing: 'amount' | 'currency' | 'state' }
  | { field: 'channel'; value: string }
  | { field: 'note'; value: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

/** What one reply says: a note, or settings; null when its first line is none of these. */
export interface SellerLines {
  note: { channel: NoteChannel; text: string } | null;
  /** undefined: not set; null: handed back to Amazon's statements. */
  fault: FaultParty | null | undefined;
  money: MoneySetting[];
  problems: Problem[];
}

const FAULT_WORDS: [RegExp, FaultParty | null][] = [
  [/^(?:amazon|アマゾン)(?:側|のせい|の責任)?$/i, 'amazon'],
  [/^(?:seller|me|mine|us|ours|出品者|出品者側|セラー|自分|自分側|当方|当社|弊社|こちら|こちら側|私)(?:のせい|の責任)?$/i, 'seller'],
  [/^(?:unclear|unknown|不明|わからない|分からない|未定|不確定)$/i, 'unclear'],
  [/^(?:auto|clear|reset|自動|取消|取り消し|取消し|解除)$/i, null],
];

export function parseFault(value: string): Parsed<FaultParty | null> {
  const v = normalise(value).trim().replace(/[。.!！]$/, '').trim();
  for (const [re, party] of FAULT_WORDS) if (re.test(v)) return { ok: true, value: party };
  return { ok: false, problem: { field: 'fault', value } };
}

const CHANNEL_WORDS: [RegExp, NoteChannel][] = [
  [/^(?:phone|call|tel|電話|通話)$/i, 'phone'],
  [/^(?:chat|チャット)$/i, 'chat'],
  [/^(?:other|その他|ほか|他|mail|メール|対面)$/i, 'other'],
];

export function parseChannel(value: string): Parsed<NoteChannel> {
  const v = normalise(value).trim();
  for (const [re, channel] of CHANNEL_WORDS) if (re.test(v)) return { ok: true, value: channel };
  return { ok: false, problem: { field: 'channel', value } };
}

// Longest first, so 請求済み is not read as 請求 with 済み left over.
const STATE_WORDS: [string, MoneyState | null][] = (
  [
    ['claimed', 'claimed'], ['claim', 'claimed'], ['requested', 'claimed'], ['請求中', 'claimed'], ['請求済み', 'claimed'], ['請求済', 'claimed'], ['請求', 'claimed'], ['申請中', 'claimed'], ['申請済み', 'claimed'], ['依頼中', 'claimed'], ['依頼済み', 'claimed'],
    ['promised', 'promised'], ['約束あり', 'promised'], ['約束済み', 'promised'], ['約束', 'promised'], ['補填予定', 'promised'], ['返金予定', 'promised'], ['支払予定', 'promised'], ['支払い予定', 'promised'],
    ['paid', 'paid'], ['reimbursed', 'paid'], ['received', 'paid'], ['支払済み', 'paid'], ['支払い済み', 'paid'], ['入金済み', 'paid'], ['入金済', 'paid'], ['補填済み', 'paid'], ['補填済', 'paid'], ['返金済み', 'paid'], ['返金済', 'paid'], ['受領', 'paid'], ['受取済み', 'paid'],
    ['refused', 'refused'], ['denied', 'refused'], ['declined', 'refused'], ['拒否', 'refused'], ['対象外', 'refused'], ['断られた', 'refused'], ['却下', 'refused'],
    ['remove', null], ['delete', null], ['取消', null], ['取り消し', null], ['取消し', null], ['削除', null],
  ] as [string, MoneyState | null][]
).sort((a, b) => b[0].length - a[0].length);

/** "3240円 在庫保管手数料 請求中", "214.80 USD storage fees claimed", "3240 JPY 在庫保管手数料 claimed". */
export function parseMoney(value: string, defaultCurrency: string | null): Parsed<MoneySetting> {
  const text = normalise(value).trim();
  const fail = (missing: 'amount' | 'currency' | 'state'): Parsed<MoneySetting> => ({ ok: false, problem: { field: 'money', value, missing } });
  let amount: number;
  let currency: string;
  let rest: string;
  const [found] = findAmounts(text);
  if (found) {
    amount = found.amount;
    currency = found.currency;
    // Take out the amount and its currency mark, wherever it stood.
    const m = /(?:US\$|[¥$€£]|JPY|USD|EUR|GBP)?\s?[\d,.〇零一二三四五六七八九十百千万億]+\s?(?:円|JPY|USD|EUR|GBP|yen|dollars?)?/i.exec(text.slice(found.index));
    rest = text.slice(0, found.index) + text.slice(found.index + (m ? m[0].length : 0));
  } else {
    const bare = /(?<![\w.])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w.])/.exec(text);
    if (!bare) return fail('amount');
    if (defaultCurrency === null) return fail('currency');
    amount = Number(bare[1]!.replace(/,/g, ''));
    currency = defaultCurrency;
    rest = text.slice(0, bare.index) + text.slice(bare.index + bare[0].length);
  }
  if (!(amount > 0)) return fail('amount');
  let state: MoneyState | null | undefined;
  for (const [word, s] of STATE_WORDS) {
    const re = /^[a-z]+$/i.test(word) ? new RegExp(`(?<![a-z])${word}(?![a-z])`, 'i') : new RegExp(word);
    const m = re.exec(rest);
    if (m) {
      state = s;
      rest = rest.slice(0, m.index) + rest.slice(m.index + m[0].length);
      break;
    }
  }
  if (state === undefined) return fail('state');
  const what = rest.replace(/[\s、,。.:：・—-]+/g, ' ').trim();
  return { ok: true, value: { amount, currency, what, state } };
}

const LINE = /^\s*(メモ|note|責任|fault|金額|money)\s*(?:[(（]\s*([^)）]*?)\s*[)）])?\s*[:：]\s*(.*)$/i;

type Key = 'note' | 'fault' | 'money';

function keyOf(word: string): Key {
  const w = word.toLowerCase();
  return w === 'メモ' || w === 'note' ? 'note' : w === '責任' || w === 'fault' ? 'fault' : 'money';
}

/**
 * The seller's own text of a reply (quoted history and signature gone). A first line `メモ:` makes
 * the whole text a note; otherwise every `責任:` and `金額:` line is a setting. Null when the first
 * line is none of these.
 */
export function readSellerLines(ownText: string, defaultCurrency: string | null): SellerLines | null {
  const lines = ownText.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) return null;
  const head = LINE.exec(normalise(lines[first]!));
  if (!head) return null;
  const out: SellerLines = { note: null, fault: undefined, money: [], problems: [] };
  if (keyOf(head[1]!) === 'note') {
    let channel: NoteChannel = 'other';
    if (head[2]) {
      const parsed = parseChannel(head[2]);
      if (parsed.ok) channel = parsed.value;
      else out.problems.push(parsed.problem);
    }
    // The first line as written (not normalised): the note is kept verbatim.
    const firstText = lines[first]!.replace(/^[^:：]*[:：]\s*/, '');
    const text = [firstText, ...lines.slice(first + 1)].join('\n').trim();
    if (text === '') out.problems.push({ field: 'note', value: '' });
    else out.note = { channel, text };
    return out;
  }
  for (const line of lines.slice(first)) {
    const m = LINE.exec(normalise(line));
    if (!m) continue;
    const key = keyOf(m[1]!);
    if (key === 'fault') {
      const parsed = parseFault(m[3]!);
      if (parsed.ok) out.fault = parsed.value;
      else out.problems.push(parsed.problem);
    } else if (key === 'money') {
      const parsed = parseMoney(m[3]!, defaultCurrency);
      if (parsed.ok) out.money.push(parsed.value);
      else out.problems.push(parsed.problem);
    }
  }
  return out;
}

/** A problem in the reader's language: what was not understood and how to write it. */
export function problemText(p: Problem, language: 'ja' | 'en'): string {
  const ja = language === 'ja';
  switch (p.field) {
    case 'fault':
      return ja ? `責任の「${p.value}」が読み取れませんでした。「責任: Amazon」「責任: 出品者」「責任: 不明」「責任: 自動」（Amazonの回答に従う）のいずれかで書いてください。` : `Fault "${p.value}" was not understood: write "Fault: amazon", "Fault: seller", "Fault: unclear" or "Fault: auto" (follow Amazon's answers).`;
    case 'channel':
      return ja ? `メモの手段「${p.value}」が読み取れませんでした。（電話）（チャット）（その他）のいずれかで書いてください。` : `Note channel "${p.value}" was not understood: use (phone), (chat) or (other).`;
    case 'note':
      return ja ? 'メモの本文が空でした。「メモ:」の後に書いてください。' : 'The note was empty: write it after "Note:".';
    case 'money': {
      const how = ja ? '例:「金額: 3240円 在庫保管手数料 請求中」（状態は 請求中・補填予定・補填済み・対象外・取消）' : 'for example "Money: 214.80 USD storage fees claimed" (state: claimed, promised, paid, refused, or remove)';
      const what = ja ? { amount: '金額', currency: '通貨（円、USD など）', state: '状態' }[p.missing] : { amount: 'an amount', currency: 'a currency (JPY, USD…)', state: 'a state' }[p.missing];
      return ja ? `「${p.value}」に${what}が見当たりません。${how}` : `"${p.value}" is missing ${what}: ${how}.`;
    }
  }
}
