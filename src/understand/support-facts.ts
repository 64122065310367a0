// What Seller Support's mail says about a case: who is at fault (責任の所在) and what money is at
// stake, read sentence by sentence from Amazon's own words, plus what the seller recorded (notes,
// their own fault and money settings). Reading is by co-occurrence inside one sentence: a party and a
// cause word place the fault, an amount and a pay or refuse verb make a money statement. Everything
// here is pure except `loadSupportFacts`, which gathers the sources from the store.
import type { Db } from '../store/index.ts';
import { normalise, sentences } from './extract.ts';
import type { Language } from './kinds.ts';

export type Party = 'amazon' | 'seller';
export type FaultParty = Party | 'unclear';
export type MoneyState = 'claimed' | 'promised' | 'paid' | 'refused';
export type NoteChannel = 'phone' | 'chat' | 'other';

export const FAULT_PARTIES: readonly FaultParty[] = ['amazon', 'seller', 'unclear'];
export const MONEY_STATES: readonly MoneyState[] = ['claimed', 'promised', 'paid', 'refused'];
export const NOTE_CHANNELS: readonly NoteChannel[] = ['phone', 'chat', 'other'];

/** One sentence of a mail that says something about the fault or the money. */
export type Statement =
  | { type: 'fault'; party: Party; quote: string }
  | {
      type: 'money';
      /** Null when the sentence names what it is about but no amount ("在庫保管手数料は補填の対象外です"). */
      amount: number | null;
      currency: string | null;
      what: string;
      state: MoneyState;
      quote: string;
    };

export interface SupportFacts {
  fault: { party: FaultParty; disputed: boolean; evidence: { eventId: number; party: Party; quote: string }[] };
  money: { amount: number; currency: string; what: string; state: MoneyState; eventIds: number[] }[];
  notes: { eventId: number; at: string; channel: NoteChannel; text: string }[];
}

/** A timeline event with the text or setting it carries. */
export type FactSource =
  /** An Amazon message on the case: the agent's own words, without quoted history. */
  | { type: 'amazon'; eventId: number; at: string; language: Language; text: string }
  /** A letter the seller sent (or posted) to Amazon: it claims money. */
  | { type: 'letter'; eventId: number; at: string; language: Language; text: string }
  | { type: 'note'; eventId: number; at: string; channel: NoteChannel; text: string }
  /** The seller's own judgement; null hands the fault back to Amazon's statements. */
  | { type: 'fault'; eventId: number; at: string; party: FaultParty | null }
  /** The seller's own setting of an amount; state null takes the amount off the case. */
  | { type: 'money'; eventId: number; at: string; amount: number; currency: string; what: string; state: MoneyState | null };

// ---------------------------------------------------------------------------------------------
// Amounts: ¥3,240 / 3,240円 / ３２４０円 (NFKC makes it ASCII) / 三千二百四十円 / $214.80 / USD 214.80.

export interface Amount {
  amount: number;
  currency: string;
  /** Where it is in the (normalised) sentence. */
  index: number;
}

const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const KANJI_NUMBER = '[〇零一二三四五六七八九十百千万億\\d,]*[〇零一二三四五六七八九十百千万億][〇零一二三四五六七八九十百千万億\\d,]*';
const SYMBOLS: Record<string, string> = { '¥': 'JPY', $: 'USD', 'US$': 'USD', '€': 'EUR', '£': 'GBP' };
const CODES: Record<string, string> = { jpy: 'JPY', yen: 'JPY', usd: 'USD', dollar: 'USD', dollars: 'USD', eur: 'EUR', euro: 'EUR', euros: 'EUR', gbp: 'GBP' };
const AMOUNT_PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => { amount: number; currency: string } | null }[] = [
  { re: new RegExp(`(US\\$|[¥$€£])\\s?(${NUMBER})`, 'g'), read: (m) => ({ amount: plain(m[2]!), currency: SYMBOLS[m[1]!]! }) },
  { re: new RegExp(`(?<![A-Za-z])(JPY|USD|EUR|GBP)\\s?(${NUMBER})`, 'gi'), read: (m) => ({ amount: plain(m[2]!), currency: m[1]!.toUpperCase() }) },
  { re: new RegExp(`(?<![\\d.,])(${NUMBER})\\s?(?:円|(JPY|USD|EUR|GBP|yen|dollars?|euros?)(?![A-Za-z]))`, 'gi'), read: (m) => ({ amount: plain(m[1]!), currency: m[2] ? CODES[m[2].toLowerCase()]! : 'JPY' }) },
  { re: new RegExp(`(${KANJI_NUMBER})\\s?円`, 'g'), read: (m) => kanjiAmount(m[1]!) },
];

function plain(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

const KANJI_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 10_000, 億: 100_000_000 };

/** 三千二百四十 → 3240, 1万2千 → 12000, 3万2,400 → 32400. */
export function kanjiNumber(text: string): number | null {
  let total = 0;
  let section = 0;
  let digits: number | null = null;
  for (const ch of text.replace(/,/g, '')) {
    const digit = /\d/.test(ch) ? Number(ch) : KANJI_DIGITS[ch];
    if (digit !== undefined) {
      digits = (digits ?? 0) * 10 + digit;
    } else if (SMALL_UNITS[ch] !== undefined) {
      section += (digits ?? 1) * SMALL_UNITS[ch];
      digits = null;
    } else if (LARGE_UNITS[ch] !== undefined) {
      total += (section + (digits ?? 0) || 1) * LARGE_UNITS[ch];
      section = 0;
      digits = null;
    } else {
      return null;
    }
  }
  const value = total + section + (digits ?? 0);
  return value > 0 ? value : null;
}

function kanjiAmount(text: string): { amount: number; currency: string } | null {
  const amount = kanjiNumber(text);
  return amount === null ? null : { amount, currency: 'JPY' };
}

/** Every amount of money in a text (normalised first), in order, each once. */
export function findAmounts(text: string): Amount[] {
  const s = normalise(text);
  const found: (Amount & { end: number })[] = [];
  for (const { re, read } of AMOUNT_PATTERNS) {
    for (const m of s.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && end > f.index)) continue;
      const value = read(m as RegExpExecArray);
      if (value && Number.isFinite(value.amount) && value.amount > 0) found.push({ ...value, index: start, end });
    }
  }
  return found.sort((a, b) => a.index - b.index).map(({ end: _end, ...a }) => a);
}

// ---------------------------------------------------------------------------------------------
// What the money is for. The words as the mail writes them; the group decides which mentions are
// the same item across mails (保管手数料 and 在庫保管手数料 are one thing).

const WHAT: { group: string; re: RegExp }[] = [
  { group: 'storage', re: /長期在庫保管手数料|在庫保管手数料|月額保管手数料|保管手数料|保管料|(?:long[- ]term |monthly |inventory |FBA )*storage fees?/i },
  { group: 'surcharge', re: /(?:aged inventory |low[- ]inventory[- ]level )?surcharges?|在庫超過(?:保管)?手数料|長期在庫(?:保管)?追加手数料/i },
  { group: 'lost', re: /紛失(?:した)?(?:在庫|商品)?|(?:在庫|商品)の紛失|所在不明(?:の)?(?:在庫|商品)?|misplaced (?:inventory|units?|items?)|lost (?:inventory|units?|items?|stock)|(?:inventory|units?|items?) (?:(?:that )?(?:was|were) )?lost/i },
  { group: 'damaged', re: /破損(?:した)?(?:在庫|商品)?|(?:在庫|商品)の破損|損傷|damaged (?:inventory|units?|items?|stock)|(?:inventory|units?|items?) (?:that (?:was|were) )?damaged/i },
  { group: 'fulfillment', re: /配送代行手数料|FBA手数料|出荷作業手数料|(?:FBA )?fulfil?lment fees?|FBA fees?|pick (?:and|&) pack fees?/i },
  { group: 'referral', re: /販売手数料|成約料|referral fees?/i },
  { group: 'removal', re: /返送(?:・所分)?手数料|所分手数料|廃棄手数料|removal (?:order )?fees?|disposal fees?/i },
  { group: 'inbound', re: /納品(?:不一致|時の手数料)|受領されなかった(?:商品|在庫)|inbound (?:placement )?fees?|placement fees?|inbound shipment/i },
  { group: 'return', re: /返品(?:された商品|在庫|分)|customer returns?|returned (?:items?|units?|inventory)/i },
  { group: 'shipping', re: /配送料|送料|shipping (?:fees?|costs?|charges?)|postage/i },
];

/** The words naming what the money is for, and their group; '' when the sentence names nothing. */
export function whatFor(text: string): { what: string; group: string } {
  const s = normalise(text);
  let best: { what: string; group: string; index: number } | null = null;
  for (const { group, re } of WHAT) {
    const m = re.exec(s);
    if (m && (best === null || m.index < best.index)) best = { what: m[0].trim(), group, index: m.index };
  }
  return best ? { what: best.what, group: best.group } : { what: '', group: '' };
}

/** The group of a what-for the seller typed: a known one, or the words themselves. */
export function groupOf(what: string): string {
  if (what.trim() === '') return '';
  return whatFor(what).group || normalise(what).trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Fault. Japanese first: a party, an error or action word, a cause word, inside one clause.

const CLAUSE_END = /[、。,.;；!?！？]/;
// Polite set phrases that end in a negative form but deny nothing.
const POLITE_NEGATIVES = /申し訳(?:ござい|あり)ません|間違い(?:は|も)?(?:ござい|あり)ません|相違(?:は|も)?(?:ござい|あり)ません|差し支え(?:ござい|あり)ません|かまいません|構いません/g;
const NEGATION_JA = /ではな|ではござ|ではあり|じゃな|(?:は|も)(?:ござい|あり)ませ|(?:確認|発生|検出)(?:され|でき)(?:ません|ず|なかった)|見(?:つかり|受けられ|当たり)ませ|認められ(?:ません|ず)|ござい(?:ません|ませんでした)|ありません|ない(?:こと|ため|と)|ません/;

const AMAZON_SIDE_JA = /弊社|当社|Amazon|アマゾン|当方|こちら側/g;
const ERROR_JA = /不具合|不手際|障害|誤り|エラー|ミス|過失|不備|手違い|誤作動|誤表示|誤処理|落ち度|非/;
const SYSTEM_ERROR_JA = /システム(?:上の|側の|の|内部の)?(?:不具合|障害|エラー|誤作動|不備|問題)/;
const SELLER_SIDE_JA = /出品者様|出品者さま|セラー様|貴社|御社|出品者の方/g;
const SELLER_ACTION_JA = /削除|操作|変更|編集|アップロード|登録|設定|入力|申請|停止|閉鎖|出品|誤り|ミス|不備|手順|対応|処理/;
const CAUSE_JA = /(?:ため|為)(?:に)?|によ(?:り|って|る)|が原因|ことが原因|(?:に|が)起因|のせい|発端|(?:した|された|いた|った)から|(?:した|された)結果/;

/** The text after a match, to the end of its clause (at most `max` characters). */
function clauseAfter(s: string, from: number, max = 24): string {
  const rest = s.slice(from, from + max);
  const end = rest.search(CLAUSE_END);
  return end < 0 ? rest : rest.slice(0, end);
}

function negatedJa(s: string, from: number): boolean {
  return NEGATION_JA.test(clauseAfter(s, from, 30));
}

function amazonFaultJa(s: string): boolean {
  // 誤って請求されておりました: Amazon's act, unless the seller is its subject.
  const wrong = /誤って(?:請求|計上|削除|課金|処理|徴収|停止|破棄|廃棄)(?:され|いたし|致し)/.exec(s);
  if (wrong && !/出品者様|セラー様|貴社|御社/.test(s.slice(0, wrong.index)) && !negatedJa(s, wrong.index + wrong[0].length)) return true;
  const system = SYSTEM_ERROR_JA.exec(s);
  if (system && !negatedJa(s, system.index + system[0].length) && !sellerSystem(s, system.index)) return true;
  for (const side of s.matchAll(AMAZON_SIDE_JA)) {
    // The error word follows the party closely, in the same clause, with no seller in between: 弊社側の処理の誤り.
    const after = s.slice(side.index + side[0].length, side.index + side[0].length + 16);
    const cut = after.search(/[、。,.]|出品者|セラー|貴社|御社/);
    const gap = cut < 0 ? after : after.slice(0, cut);
    const error = ERROR_JA.exec(gap);
    if (!error) continue;
    // 弊社にて調査… is Amazon acting, not erring: the error word must be a noun of the party ("の", "側の", "システムの").
    if (/^(?:にて|で|が|は)/.test(gap) && !/^(?:側|システム)/.test(gap)) continue;
    const end = side.index + side[0].length + error.index + error[0].length;
    if (!negatedJa(s, end)) return true;
  }
  return false;
}

/** 出品者様のシステム: a system that is not Amazon's. */
function sellerSystem(s: string, index: number): boolean {
  return /(?:出品者様|セラー様|貴社|御社)(?:の|側の)?$/.test(s.slice(Math.max(0, index - 8), index));
}

function sellerFaultJa(s: string): boolean {
  for (const side of s.matchAll(SELLER_SIDE_JA)) {
    const from = side.index + side[0].length;
    const window = s.slice(from, from + 50);
    // "出品者様の設定の誤り" places the fault without a cause word.
    const own = /^(?:側)?の(?:設定|操作|登録|入力|出品|申請)?(?:上)?の?(?:誤り|ミス|不備|過失|落ち度)/.exec(window);
    if (own && !negatedJa(s, from + own[0].length)) return true;
    // "出品者様のアカウントから削除された記録がございます": the agent puts the harmful act with the seller.
    const act = /^(?:のほうで|の方で|側で|のアカウント(?:から|で|にて)|が|により|によって)[^。、]{0,16}?(?:削除|取り下げ|停止|閉鎖)を?(?:され|した|して|の操作|操作|を行|が行)/.exec(window);
    if (act && !negatedJa(s, from + act[0].length + 6) && !/場合|覚え/.test(clauseAfter(s, from + act[0].length, 30))) return true;
    const action = SELLER_ACTION_JA.exec(window);
    if (!action || /[。]/.test(window.slice(0, action.index))) continue;
    const afterAction = window.slice(action.index + action[0].length);
    const cause = CAUSE_JA.exec(afterAction);
    if (!cause || cause.index > 24 || /[。]/.test(afterAction.slice(0, cause.index))) continue;
    const end = from + action.index + action[0].length + cause.index + cause[0].length;
    // 出品者様のご依頼により: a request is not an act that caused the problem.
    if (/ご依頼|ご要望|ご希望|お問い合わせ/.test(window.slice(0, action.index + action[0].length + cause.index))) continue;
    if (!negatedJa(s, end) && !negatedJa(s, from + action.index + action[0].length)) return true;
  }
  return false;
}

const NEGATION_EN = /\b(?:no|not|never|nothing|none|without|neither|nor|n't|unable to (?:find|identify|confirm)|could not (?:find|identify|confirm)|did not (?:find|identify)|no evidence|no indication)\b|n't\b/i;
const AMAZON_ERROR_EN = [
  /\b(?:our|amazon's|amazon)\s+(?:(?:own|internal|technical|systems?|side|end|team's|tool's|catalog(?:ue)?)\s+){0,3}(?:error|mistake|glitch|issue|problem|defect|bug|fault|malfunction|outage|oversight)s?\b/i,
  /\b(?:error|mistake|glitch|issue|problem|fault|oversight|defect|bug)s?\s+(?:on|at|in|from|with|within)\s+(?:our|amazon's)\s+(?:part|side|end|systems?|tools?)\b/i,
  /\b(?:system|technical|systemic|internal)\s+(?:error|issue|glitch|malfunction|outage|defect|bug|problem)s?\b/i,
  /\bwe\s+(?:made|caused)\s+(?:an?\s+)?(?:error|mistake)/i,
  /\b(?:amazon|we)\s+(?:is|are)\s+(?:responsible|at fault)\b/i,
  /\b(?:charged|applied|assessed|billed|removed|deleted|suppressed|marked|closed|deactivated)\s+(?:[\w-]+\s+){0,2}?(?:in error|by mistake|erroneously)\b/i,
];
const SELLER_REF_EN = /\b(?:you|your|yours|the seller|seller's|your account|your team)\b/i;
const SELLER_ACTION_EN = /\b(?:action|actions|deleted|deleting|deletion|removed|removal|changed|change|changes|edited|edit|edits|uploaded|upload|submitted|closed|modified|modification|updated|update|setting|settings|input|entered|mistake|error|created|listed|flat file|inventory file)\b/i;
const CAUSE_EN = /\b(?:due to|because(?: of)?|caused by|as a result of|the result of|resulted from|resulting from|stems from|stemmed from|owing to|attributable to|since)\b/i;
const CAUSED_EN = /\b(?:caused|resulted in|led to|triggered|is why|which is why|the reason)\b/i;

function amazonFaultEn(s: string): boolean {
  for (const re of AMAZON_ERROR_EN) {
    const m = re.exec(s);
    if (!m) continue;
    // A denial before it in the same clause: "there was no error on our side", "not due to a system issue".
    const before = s.slice(0, m.index);
    const clause = before.slice(Math.max(before.search(/[^,;:]*$/), before.length - 60));
    if (NEGATION_EN.test(clause) || NEGATION_EN.test(m[0])) continue;
    // "You deleted the listing by mistake" is the seller's act.
    if (/\b(?:you|your)\b/i.test(clause) && /in error|by mistake|erroneously/i.test(m[0])) continue;
    if (/^\s+(?:was|has been)\s+(?:not\s+)?(?:found|identified)/i.test(s.slice(m.index + m[0].length)) && /\bnot\b/i.test(s.slice(m.index + m[0].length, m.index + m[0].length + 30))) continue;
    return true;
  }
  return false;
}

function sellerFaultEn(s: string): boolean {
  const cause = CAUSE_EN.exec(s);
  if (cause) {
    const after = s.slice(cause.index + cause[0].length, cause.index + cause[0].length + 90);
    const before = s.slice(Math.max(0, cause.index - 25), cause.index);
    if (SELLER_REF_EN.test(after) && SELLER_ACTION_EN.test(after) && !/\bnot\s*$|n't\s*$|\bnothing\b/i.test(before) && !/\bnothing\b|\bnot\b/i.test(after.slice(0, 30))) return true;
  }
  const caused = CAUSED_EN.exec(s);
  if (caused) {
    const before = s.slice(0, caused.index);
    if (SELLER_REF_EN.test(before) && SELLER_ACTION_EN.test(before) && !NEGATION_EN.test(before.slice(-40))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Money states. Checked in this order: a refusal contains the pay verb ("返金いたしかねます",
// "will not be reimbursed"), and a promise reads like a claim ("ご依頼の…を補填いたします").

const MONEY_JA = '(?:返金|補填|補償|払い戻し|払戻し|払戻|返還|入金|調整|お支払い|支払い|償還|還付|弁済|振込|振り込み)';
// Between the money word and its verb: a few characters, none of them asking ("補填をお願いいたします" asks, it promises nothing).
const GAP_JA = '(?:(?!お願い|依頼|申請|請求|検討|確認|ご希望)[^。、]){0,12}?';
const STATE_JA: { state: MoneyState; re: RegExp }[] = [
  {
    state: 'refused',
    re: new RegExp(`(?:補填|返金|補償|払い戻し|払戻し|償還|還付)(?:の)?対象外|${MONEY_JA}[^。]{0,14}?(?:いたしかね|致しかね|できかね|出来かね|しかね|できません|出来ません|いたしません|致しません|行っておりません|行うことはできません|難しい|困難|お断り|見送)|(?:ご期待|ご要望)に(?:沿|添|お応え)[^。]{0,8}?(?:かね|できません|ません)`),
  },
  {
    state: 'paid',
    re: new RegExp(`${MONEY_JA}${GAP_JA}(?:いたしました|致しました|しました|されました|行いました|完了|済み|済|させていただきました|実施いたしました|反映いたしました|反映されました)|反映(?:いたし|致し|し|され)ました`),
  },
  {
    state: 'promised',
    re: new RegExp(`${MONEY_JA}${GAP_JA}(?:いたします|致します|します|されます|させていただきます|予定|の対象となります|対象となります|を行います|行います|を承認)|反映(?:されます|いたします|予定)|(?:補填|返金|払い戻し)の対象(?:と|に)なります`),
  },
  {
    state: 'claimed',
    re: new RegExp(`ご依頼|ご要望|ご申請|ご請求(?:いただ|の)|お申し出|申請いただ|ご希望|${MONEY_JA}(?:を|の)(?:お願い|依頼|申請|請求|求め|希望|要求)|(?:請求|申請|要求)いたします|(?:補填|返金|払い戻し)(?:して|いただ)`),
  },
];

const STATE_EN: { state: MoneyState; re: RegExp }[] = [
  {
    state: 'refused',
    re: /\b(?:not eligible|ineligible|unable to (?:reimburse|refund|issue|offer|provide|approve|process)|cannot (?:be )?(?:reimburse|refund|issue|offer|approve)|can ?not (?:be )?(?:reimburse|refund)|will not be (?:reimbursed|refunded|credited|paid|issued)|won't be (?:reimbursed|refunded|credited|paid)|not (?:be )?reimbursable|(?:is|are) not covered|declined|denied|do(?:es)? not qualify|no reimbursement (?:will|can|is))/i,
  },
  {
    state: 'paid',
    re: /\b(?:(?:has|have) been (?:reimbursed|refunded|credited|issued|paid|processed|deposited)|(?:was|were) (?:reimbursed|refunded|credited|issued|paid|deposited)|we (?:have )?(?:reimbursed|refunded|credited|issued|paid|deposited)(?!\s+(?:when|once|after|if))|(?:reimbursement|refund|credit|payment)s? (?:of [^.]{0,40})?(?:has|have) (?:now )?been (?:issued|processed|applied|completed|sent)|(?:credit|reimbursement|refund) (?:of [^.]{0,40})?(?:was|were) applied)/i,
  },
  {
    state: 'promised',
    re: /\b(?:we(?: have)? (?:requested|submitted|initiated|opened) (?:a |the )?(?:reimbursement|refund)|will be (?:reimbursed|refunded|credited|issued|paid|applied|deposited|processed)|we will (?:reimburse|refund|credit|issue|process|pay)|we(?:'ll| are going to) (?:reimburse|refund|credit|issue)|(?:is|are) eligible for (?:a |the )?(?:reimbursement|refund|credit)|(?:reimbursement|refund|credit) (?:is|has been) approved|approved (?:a|the|your) (?:reimbursement|refund|credit)|will (?:appear|be reflected|reflect|show)|(?:should|expect to) (?:see|receive))/i,
  },
  {
    state: 'claimed',
    re: /\b(?:you (?:requested|asked|claimed|are requesting|have requested|submitted)|your (?:request|claim|reimbursement request|refund request)|requested (?:a |the )?(?:reimbursement|refund)|(?:please|kindly) (?:reimburse|refund|credit)|I (?:would like to |hereby )?(?:request|ask for|claim)|we (?:would like to )?(?:request|ask for)|request (?:a |the )?(?:reimbursement|refund))/i,
  },
];

function moneyState(s: string, language: Language): MoneyState | null {
  const table = language === 'ja' ? STATE_JA : STATE_EN;
  // Japanese mail quotes English terms and English mail rarely the reverse: Japanese tries both.
  for (const { state, re } of table) if (re.test(s)) return state;
  if (language === 'ja') for (const { state, re } of STATE_EN) if (re.test(s)) return state;
  return null;
}

/** Whether the sentence is about money at all (an amount, or a pay word beside a what-for). */
const MONEY_WORD = new RegExp(`${MONEY_JA}|\\b(?:reimburs|refund|credit|paid|pay|payment|fee)`, 'i');

// ---------------------------------------------------------------------------------------------

/**
 * The statements of one Amazon mail (the agent's own words, no quoted history). `speaker` 'seller'
 * reads a seller's own letter: only its money claims (its 弊社 is the seller).
 */
export function readStatements(text: string, language: Language, speaker: Party = 'amazon'): Statement[] {
  const out: Statement[] = [];
  // An amount in one sentence and its verb in the next ("…¥3,412 の過請求が確認されました。こちらを払い戻しいたします。").
  let pending: { amounts: Amount[]; what: { what: string; group: string } } | null = null;
  for (const raw of sentences(text)) {
    const quote = raw.trim();
    const s = normalise(quote).replace(POLITE_NEGATIVES, '');
    if (speaker === 'amazon') {
      const party = language === 'ja' ? faultJa(s) : faultEn(s);
      if (party) out.push({ type: 'fault', party, quote });
    }
    const amounts = atStake(findAmounts(quote), normalise(quote));
    const what = whatFor(quote);
    const state = MONEY_WORD.test(s) || amounts.length > 0 ? moneyState(s, language) : null;
    if (state === null || (speaker === 'seller' && state !== 'claimed')) {
      pending = amounts.length ? { amounts, what } : null;
      continue;
    }
    let items = amounts;
    let about = what;
    if (items.length === 0 && pending && /^(?:こちら|この|その|当該|上記|これ|同|It|This|That|These|The (?:amount|sum|full amount))/i.test(s)) {
      items = pending.amounts;
      about = what.what ? what : pending.what;
    }
    pending = null;
    if (items.length === 0) {
      if (about.what) out.push({ type: 'money', amount: null, currency: null, what: about.what, state, quote });
      continue;
    }
    // "合計 ¥3,240" / "a total of $214.80": the total stands for its parts.
    const total = /合計|総額|total/i.test(s) ? items.at(-1)! : null;
    for (const a of total ? [total] : items) out.push({ type: 'money', amount: a.amount, currency: a.currency, what: about.what, state, quote });
  }
  return out;
}

/** Without unit prices ("12 units x $15.29", "1点あたり 480円"): they break a sum down, they are not at stake. */
function atStake(amounts: Amount[], s: string): Amount[] {
  return amounts.filter((a) => {
    const before = s.slice(Math.max(0, a.index - 10), a.index);
    const after = s.slice(a.index, a.index + 24).replace(/^\S+\s?/, '');
    return !/(?:[x×@]|each|per unit|単価|あたり|当たり)\s*$/i.test(before) && !/^(?:each|per unit|a unit|\/unit|ずつ)/i.test(after);
  });
}

function faultJa(s: string): Party | null {
  // A sentence that admits Amazon's error and mentions what the seller did is Amazon's admission.
  if (amazonFaultJa(s)) return 'amazon';
  if (sellerFaultJa(s)) return 'seller';
  return null;
}

function faultEn(s: string): Party | null {
  if (amazonFaultEn(s)) return 'amazon';
  if (sellerFaultEn(s)) return 'seller';
  return null;
}

// ---------------------------------------------------------------------------------------------

interface MoneyItem {
  amount: number;
  currency: string;
  what: string;
  group: string;
  state: MoneyState;
  eventIds: number[];
}

/** A later statement moves the state on, but a claim never undoes Amazon's answer, nor a promise a payment. */
function nextState(current: MoneyState, next: MoneyState): MoneyState {
  if (next === 'claimed' && current !== 'claimed') return current;
  if (next === 'promised' && current === 'paid') return current;
  return next;
}

/** The case's facts from its timeline (any order: sorted by time, then event id). */
export function supportFacts(timeline: readonly FactSource[]): SupportFacts {
  const sources = [...timeline].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.eventId - b.eventId));
  const evidence: SupportFacts['fault']['evidence'] = [];
  const notes: SupportFacts['notes'] = [];
  const items: MoneyItem[] = [];
  let sellerParty: FaultParty | null = null;

  const record = (eventId: number, m: { amount: number | null; currency: string | null; what: string; state: MoneyState }, set: boolean) => {
    const group = groupOf(m.what);
    const sameGroup = (i: MoneyItem) => group === '' || i.group === '' || i.group === group;
    const item =
      m.amount === null
        ? items.filter((i) => group !== '' && i.group === group).at(-1)
        : items.find((i) => i.amount === m.amount && i.currency === m.currency && sameGroup(i));
    if (!item) {
      if (m.amount !== null && m.currency !== null) items.push({ amount: m.amount, currency: m.currency, what: m.what, group, state: m.state, eventIds: [eventId] });
      return;
    }
    item.state = set ? m.state : nextState(item.state, m.state);
    if (set && m.what) item.what = m.what;
    if (!item.what && m.what) {
      item.what = m.what;
      item.group = group;
    }
    if (!item.eventIds.includes(eventId)) item.eventIds.push(eventId);
  };

  for (const source of sources) {
    switch (source.type) {
      case 'amazon':
      case 'letter':
        for (const st of readStatements(source.text, source.language, source.type === 'amazon' ? 'amazon' : 'seller')) {
          if (st.type === 'fault') evidence.push({ eventId: source.eventId, party: st.party, quote: st.quote });
          else record(source.eventId, st, false);
        }
        break;
      case 'note':
        notes.push({ eventId: source.eventId, at: source.at, channel: source.channel, text: source.text });
        break;
      case 'fault':
        sellerParty = source.party;
        break;
      case 'money':
        if (source.state === null) {
          const gone = items.findIndex((i) => i.amount === source.amount && i.currency === source.currency && (groupOf(source.what) === '' || i.group === groupOf(source.what)));
          if (gone >= 0) items.splice(gone, 1);
        } else {
          record(source.eventId, { ...source, state: source.state }, true);
        }
        break;
    }
  }
  const amazonParty = evidence.at(-1)?.party ?? null;
  const amazonDisagrees = new Set(evidence.map((e) => e.party)).size > 1;
  const sellerDisputes = sellerParty !== null && amazonParty !== null && sellerParty !== amazonParty;
  return {
    fault: { party: sellerParty ?? amazonParty ?? 'unclear', disputed: amazonDisagrees || sellerDisputes, evidence },
    money: items.map(({ group: _group, ...m }) => m),
    notes,
  };
}

// ---------------------------------------------------------------------------------------------
// The seller's own records on the timeline: 'note' events by the seller, their data saying which.

/** What a seller's 'note' event carries in data_json. */
export type SellerRecord =
  | { note: { channel: NoteChannel; text: string } }
  | { fault: FaultParty | null }
  | { money: { amount: number; currency: string; what: string; state: MoneyState | null } };

export function sellerRecordOf(dataJson: string | null): SellerRecord | null {
  if (!dataJson) return null;
  let data: unknown;
  try {
    data = JSON.parse(dataJson);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  if ('note' in data || 'fault' in data || 'money' in data) return data as SellerRecord;
  return null;
}

/** The facts of a case, derived on read from its timeline, its messages and the letters sent. */
export async function loadSupportFacts(db: Db, caseId: number): Promise<SupportFacts> {
  const events = await db
    .selectFrom('case_events')
    .leftJoin('messages', 'messages.id', 'case_events.message_id')
    .leftJoin('drafts', 'drafts.id', 'case_events.draft_id')
    .select([
      'case_events.id as id',
      'case_events.at as at',
      'case_events.type as type',
      'case_events.actor as actor',
      'case_events.data_json as data',
      'messages.kind as kind',
      'messages.buyer_text as text',
      'messages.classification_json as classification',
      'drafts.audience as audience',
      'drafts.body as body',
      'drafts.language as draftLanguage',
    ])
    .where('case_events.case_id', '=', caseId)
    .orderBy('case_events.id')
    .execute();
  const sources: FactSource[] = [];
  for (const e of events) {
    if (e.actor === 'amazon' && e.kind === 'support_case' && e.text) {
      sources.push({ type: 'amazon', eventId: e.id, at: e.at, language: languageOf(e.classification, e.text), text: e.text });
    } else if (e.type === 'sent' && e.audience === 'amazon' && e.body) {
      sources.push({ type: 'letter', eventId: e.id, at: e.at, language: e.draftLanguage ?? 'ja', text: e.body });
    } else if (e.type === 'note' && e.actor === 'seller') {
      const record = sellerRecordOf(e.data);
      if (record === null) continue;
      if ('note' in record) sources.push({ type: 'note', eventId: e.id, at: e.at, ...record.note });
      else if ('fault' in record) sources.push({ type: 'fault', eventId: e.id, at: e.at, party: record.fault });
      else sources.push({ type: 'money', eventId: e.id, at: e.at, ...record.money });
    }
  }
  return supportFacts(sources);
}

function languageOf(classification: string | null, text: string): Language {
  try {
    const language = classification ? (JSON.parse(classification) as { language?: unknown }).language : null;
    if (language === 'ja' || language === 'en') return language;
  } catch {
    // An unreadable classification: judge by the text.
  }
  return /[\u3041-\u3096\u30a1-\u30fa]/.test(text) ? 'ja' : 'en';
}
