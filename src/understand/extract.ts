// Facts read out of a message: IDs, the buyer's name and relay alias, the buyer's own words, the
// language. Pure functions over text; they never decide the kind.
import { matchQuoteHeader } from '../approval/quote-headers.ts';
import { domainOf } from '../shared/ids.ts';
import type { Language } from './kinds.ts';
import type { ClassifyRules } from './rules.ts';

/** Full-width digits and hyphens (１２３－４５６) become ASCII before any ID is matched. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[‐‑‒–—―−]/g, '-');
}

/**
 * The buyer's words as intents are read from them, by the patterns and by the intent model alike: normalised,
 * with Japanese written word by word joined up and English contractions spelled with their apostrophe.
 */
export function intentReading(text: string): string {
  return withKanji(withApostrophes(joinSpacedJapanese(normalise(text))));
}

/**
 * The words a request turns on, written in kana as buyers on a phone or elderly buyers often write them
 * ("とどかない", "へんきんして", "でんわください"), spelled as the patterns spell them.
 */
function withKanji(text: string): string {
  return text.replace(KANA_WORDS, (word) => KANJI[word] ?? word);
}

const KANJI: Record<string, string> = {
  とど: '届', へんぴん: '返品', へんきん: '返金', へんそう: '返送', こうかん: '交換', でんわ: '電話', りょうしゅうしょ: '領収書',
  きゃんせる: 'キャンセル', こわれ: '壊れ', じゅうしょ: '住所', はいたつ: '配達', はっそう: '発送', ふりょう: '不良',
};
// 届く only before its endings and never after っ ("ちょっとどいて", "ずっとどきどき"); 交換 only before what
// follows it as a word ("こうかんじ" is こう感じ).
const KANA_CONTEXT: Record<string, string> = {
  とど: '(?<!っ)とど(?=か(ない|ず|なく)|き(ます|ません|ました)|いて|いた|かな|く)',
  こうかん: 'こうかん(?=し|を|で|に|が|は|希望|お願い)',
};
const KANA_WORDS = new RegExp(Object.keys(KANJI).map((kana) => KANA_CONTEXT[kana] ?? kana).join('|'), 'g');

/** English contractions typed without their apostrophe ("havent", "itll", "dont"), typographic ones and texting spellings ("u", "pls"), as patterns spell them. */
function withApostrophes(text: string): string {
  return text.replace(/[’‘]/g, "'").replace(CONTRACTED, (word) => CONTRACTIONS[word.toLowerCase()] ?? word);
}

const CONTRACTIONS: Record<string, string> = Object.fromEntries(
  ['havent', 'hasnt', 'hadnt', 'dont', 'doesnt', 'didnt', 'cant', 'wont', 'isnt', 'arent', 'wasnt', 'werent', 'couldnt', 'wouldnt', 'shouldnt']
    .map((w) => [w, `${w.slice(0, -2)}n't`])
    .concat([['itll', "it'll"], ['theyll', "they'll"], ['youll', "you'll"], ['im', "i'm"], ['ive', "i've"], ['thats', "that's"], ['whats', "what's"], ['wheres', "where's"]])
    // Texting spellings, read as the words they stand for.
    .concat([['u', 'you'], ['ur', 'your'], ['pls', 'please'], ['plz', 'please'], ['cuz', 'because'], ['thx', 'thanks']]),
);
const CONTRACTED = new RegExp(`\\b(?:${Object.keys(CONTRACTIONS).join('|')})\\b`, 'gi');

/**
 * Japanese written with spaces between words, as buyers learning the language and some elderly buyers
 * write ("ふた が われています"), read as Japanese is usually written, so the patterns meet their words.
 */
function joinSpacedJapanese(text: string): string {
  return text.replace(/(?<=[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー])[ \u3000]+(?=[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー])/gu, '');
}

const ORDER_ID = /(?<!\d)(\d{3})\s?-\s?(\d{7})\s?-\s?(\d{7})(?!\d)/;
// "Case ID: 12345678901", "case # 1234567890", "Case 1234567890", "ケースID 1234567890", "ケース番号：…", "[CASE 1234567890]",
// and the ID said in a sentence: "Your Case ID is 12345678901", "ケースIDは1234567890です".
const CASE_ID = /(?:(?<![A-Za-z])Case\s*(?:ID|number|No\.?)?(?:\s+is)?|ケース\s*(?:ID|番号)?(?:\s*は)?|お問い合わせ\s*[（(]?\s*ID(?:\s*は)?|\[CASE)\s*[:：#]?\s*(\d{10,11})(?!\d)/i;
const CASE_IDS = new RegExp(CASE_ID.source, 'gi');
const ASIN = /(?<![A-Za-z])(B0[A-Z0-9]{8})/;
// "SKU: X", "SKU X", "SKU「X」"; a SKU has a digit or a hyphen, which keeps words like "SKU and" out.
const SKU = /\bSKU\s*[:：「『]?\s*((?=[\w.-]*[\d-])[A-Za-z0-9][\w.-]{0,39})/;

export function findOrderId(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    const m = text ? ORDER_ID.exec(normalise(text)) : null;
    if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  }
  return null;
}

export function findCaseId(...texts: (string | null | undefined)[]): string | null {
  for (const text of texts) {
    const m = text ? CASE_ID.exec(normalise(text)) : null;
    if (m) return m[1]!;
  }
  return null;
}

/** Every Seller Support case ID the text mentions (a new case cites the old one: "ケースID:…の件で"). */
export function findAllCaseIds(text: string | null): string[] {
  if (!text) return [];
  return [...normalise(text).matchAll(CASE_IDS)].map((m) => m[1]!);
}

export function findAsin(text: string | null): string | null {
  return text ? (ASIN.exec(text)?.[1] ?? null) : null;
}

const ITEM_LINE = /^(?:1 of|1 点[:：]|Item[:：]|商品名[:：]|Order Item[:：])\s*(.+?)(?:\s*\[ASIN[:：]?\s*[A-Z0-9]{10}\])?\s*$/m;

/** The item's title as Amazon's mail names it ("1 of <title> [ASIN: …]", "商品名：…"). */
export function findItemTitle(text: string | null): string | null {
  const title = text ? ITEM_LINE.exec(text)?.[1]?.trim() : undefined;
  return title ? title.slice(0, 200) : null;
}

/** A SKU after "SKU:", or in the SKU column of Amazon's return table. */
export function findSku(text: string | null): string | null {
  if (!text) return null;
  const labelled = SKU.exec(text);
  if (labelled) return labelled[1]!;
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i++) {
    const header = lines[i]!.split('|').map((c) => c.trim());
    const column = header.findIndex((c) => /^SKU$/i.test(c));
    if (column >= 0 && header.length > 2) return (lines[nextFilled(lines, i)] ?? '').split('|')[column]?.trim() || null;
  }
  return null;
}

/** The index of the first non-blank line after `i`: an HTML table's rows, each a paragraph, come with blank lines between. */
function nextFilled(lines: string[], i: number): number {
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  return j;
}

const RELAY_SUFFIX = /\s*-\s*Amazon(?:\s*(?:Marketplace|マーケットプレイス)|\.co\.jp|\.com|\.ca|\.co\.uk)?\s*$/i;

/** "Josh - Amazon Marketplace", "阿部 - Amazonマーケットプレイス" → the name; an empty display name → null. */
export function buyerDisplayName(fromName: string | null | undefined): string | null {
  const name = (fromName ?? '').replace(RELAY_SUFFIX, '').trim();
  return name === '' ? null : name;
}

/** The Amazon domain a sender's domain belongs to (itself or a parent), or null for anyone else. */
export function amazonDomainOf(domain: string, rules: ClassifyRules): string | null {
  return rules.amazonDomains.find((d) => domain === d || domain.endsWith(`.${d}`)) ?? null;
}

/** Amazon's buyer relay: <alias>@marketplace.<Amazon domain>. */
export function isRelayAddress(address: string | null | undefined, rules: ClassifyRules): boolean {
  const domain = domainOf(address);
  return domain.startsWith('marketplace.') && amazonDomainOf(domain, rules) === domain.slice('marketplace.'.length);
}

/**
 * ja when the text has kana, en when it has Latin words and next to no kana; kanji alone ("承認")
 * counts as Japanese only when there is no Latin word either. Otherwise null.
 */
export function detectLanguage(text: string | null | undefined): Language | null {
  if (!text) return null;
  const kana = (text.match(/[\u3041-\u3096\u30a1-\u30fa\uff66-\uff9d]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]{2,}/g) ?? []).length;
  if (kana >= 2 || (kana > 0 && latin < 3)) return 'ja';
  if (latin > 0) return 'en';
  return /[\u4e00-\u9fff]/.test(text) ? 'ja' : null;
}

/** The buyer's name as Amazon's notices and copies write it (rules `buyerNames`). */
export function buyerNameIn(texts: (string | null | undefined)[], rules: ClassifyRules): string | null {
  for (const text of texts) {
    if (!text) continue;
    for (const re of rules.buyerNames) {
      const name = re.exec(text)?.[1]?.trim();
      if (name) return name;
    }
  }
  return null;
}

// Starts only where an address can start: without the look-behind, a long run of letters (a line of
// base64 shown as text) is rescanned from every position, and its time grows with its square.
const RELAY_IN_TEXT = /(?<![a-z0-9+.-])[a-z0-9][a-z0-9+.-]*@marketplace\.amazon\.[a-z.]+[a-z]/i;

/** A relay address quoted in the text (Amazon's copy of a message the seller sent names the buyer's). */
export function relayAddressIn(text: string | null | undefined, rules: ClassifyRules): string | null {
  const found = text ? RELAY_IN_TEXT.exec(text)?.[0].toLowerCase() : undefined;
  return found && isRelayAddress(found, rules) ? found : null;
}

/**
 * Sentences of a buyer's text: lines wrapped mid-sentence (HTML converted to text) are joined first. A
 * Japanese line that ends as a sentence ends (…ます, …でした, …ありがとう) without its 。 is a sentence of its
 * own: phone keyboards leave the 。 out.
 */
export function sentences(text: string): string[] {
  const joined = text
    .replace(/\r\n?/g, '\n')
    .replace(/([^\n。！？!?.:：])(?<!(?:ます|です|ました|でした|ません|ください|下さい|ありがとう|ございます))\n(?=[^\n])/g, (_, c: string) => (/[\u3000-\u9fff]/.test(c) ? c : `${c} `));
  return joined
    .split(/(?<=[。！？!?])|(?<=\.)\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// "…ください" asks for something; "…しないでください" and "ご遠慮ください" ask only that something not be done.
const QUESTION = /[?？]$|(?:ますか|でしょうか|ですか|ませんか|いただけますか|(?<!ないで|遠慮)ください)[。.]?$/;

export function isQuestion(sentence: string): boolean {
  return QUESTION.test(sentence);
}

/**
 * The buyer's own words: between the relay's Begin/End markers, or after the labels of Amazon's
 * notices ("Details:", "お客様のコメント："), without quoted history or Amazon's footer. Text without
 * markers or labels counts as the buyer's own only when `ownTextFallback` is set (relay mail).
 *
 * New words written above quoted history are the buyer's, even when the quoted history holds a relay
 * marker (a reply on top of an Outlook "-----Original Message-----" block or an "On … wrote:" line).
 * Amazon's reason fields ("Reason for contact:", "お問い合わせ理由：") are the form's, not the buyer's.
 */
export function buyerText(text: string | null, rules: ClassifyRules, ownTextFallback = true): string {
  if (!text) return '';
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const begin = lines.findIndex((l) => rules.buyerText.begin.some((re) => re.test(l.trim())));
  const history = begin >= 0 ? firstHistoryLine(lines, begin) : -1;
  if (begin >= 0 && history < 0) {
    const body: string[] = [];
    // Amazon's own fields (注文番号, ASIN, 商品名) and a rule line may stand between the marker and the words.
    let started = false;
    const restart = () => {
      body.length = 0;
      started = false;
    };
    for (let i = begin + 1; i < lines.length; i++) {
      const line = lines[i]!;
      if (rules.buyerText.end.some((re) => re.test(line.trim()))) break;
      // A lead-in ("You have received a message from…:", then its French twin) and then the marker itself:
      // the words follow the last.
      if (rules.buyerText.begin.some((re) => re.test(line.trim()))) {
        restart();
        continue;
      }
      // A notice rendered from HTML sets the comment it announces in a block quote: that quote is the buyer's.
      if (QUOTED.test(line) && !started) {
        restart();
        for (; i < lines.length && QUOTED.test(lines[i]!); i++) body.push(unquoted(lines[i]!));
        break;
      }
      if (isHistory(lines, i, rules)) {
        // A notice the buyer pasted in and closed (「---------- ここまで ----------」): their words go on after it.
        const pastedEnd = lines.findIndex((l, j) => j > i && PASTED_END.test(l.trim()));
        if (pastedEnd < 0 || lines.slice(i, pastedEnd).some((l) => rules.buyerText.end.some((re) => re.test(l.trim())))) break;
        i = pastedEnd;
        continue;
      }
      // A bare rule line closes a message that Amazon opened with a framed marker ("--- メッセージ: ---");
      // before any words it opens the message instead.
      if (RULE_LINE.test(line)) {
        if (started) break;
        restart();
        continue;
      }
      body.push(line);
      if (line.trim() !== '' && !WRAPPER_FIELD.test(line)) started = true;
    }
    while (body.length > 0 && (body[0]!.trim() === '' || WRAPPER_FIELD.test(body[0]!))) body.shift();
    // A form inside the markers ("Question about: …" then "Details:") gives the value of its buyer label.
    const first = body.find((l) => l.trim() !== '');
    if (first !== undefined && labelOf(first, rules) !== null) {
      const labelled = labelledText(body, rules, true);
      if (labelled) return labelled;
    }
    return body.join('\n').trim();
  }
  if (begin >= 0 && ownTextFallback) {
    // The only marker is inside the quoted history: the words above it are the buyer's new ones.
    const above = lines.slice(0, history);
    const labelled = labelledText(above, rules, false);
    if (labelled) return labelled;
    const own = above.join('\n').trim();
    if (own) return own;
  }
  const labelled = labelledText(lines, rules, false);
  if (labelled || !ownTextFallback) return labelled;
  return ownText(lines, rules);
}

/** The first line of quoted history ("> " lines, or a quote header such as "On … wrote:") before `end`, or -1. */
function firstHistoryLine(lines: string[], end: number): number {
  for (let i = 0; i < end; i++) {
    if (QUOTED.test(lines[i]!) || matchQuoteHeader(lines, i) !== null) return i;
  }
  return -1;
}

/** The end of a forwarded message the buyer pasted into their own ("---------- ここまで ----------", "--- End of forwarded message ---"). */
const PASTED_END = /^-{3,}\s*(?:ここまで|転送(?:メッセージ)?(?:は)?ここまで|(?:End of forwarded message|End forwarded message))\s*-{3,}$/i;

/** A line of a "> " quote: quoted history, or a block quote of an HTML notice. */
const QUOTED = /^\s*>/;

function unquoted(line: string): string {
  return line.replace(/^\s*>\s?/, '');
}

function isHistory(lines: string[], i: number, rules: ClassifyRules): boolean {
  const line = lines[i]!;
  return QUOTED.test(line) || matchQuoteHeader(lines, i) !== null || rules.buyerText.footers.some((re) => re.test(line.trim()));
}

function ownText(lines: string[], rules: ClassifyRules): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (isHistory(lines, i, rules)) break;
    out.push(lines[i]!);
  }
  return out.join('\n').trim();
}

// A field's bullet or list dash in Amazon's notices ("■ 返品理由:", "-- Buyer's comments:").
const FIELD_PREFIX = /^[\s\-–—■□●○◆◇◎・*#]*/u;
// A rule line between sections ("------", "――――", "====", "____", "- - - - -").
const RULE_LINE = /^\s*(?:[-‐–—―─━=_＿~〜*][ \t]?){4,}\s*$/u;
// One of Amazon's fields above a relayed message or a feedback comment: the order, the product, the rating.
const WRAPPER_FIELD = /^\s*(?:[^:：/\n]{1,40}\/\s*)?(?:注文番号|ご?注文ID|Order\s*(?:ID|#|number)|ASIN|商品名|商品|Item|Product|SKU|数量|Quantity|Qty|Rating|評価|Request(?:ed)?\s*(?:received|date|on)|申請日|受付日|リクエスト日|依頼日|注文日)\s*[:：]/iu;

// A label set as a heading, its value on the lines below: "【お問い合わせ内容】", "＜お客様のコメント＞", "―― ご質問 ――".
const HEADING = /^\s*(?:[【＜<〈《［\[]\s*([^】＞>〉》］\]]+?)\s*[】＞>〉》］\]]|[-‐–—―─━=]{2,}\s*(\S.*?)\s*[-‐–—―─━=]{2,})\s*$/u;

/** A line that is a field of Amazon's form: "buyer" (the buyer's words follow) or "reason" (Amazon's), else null. */
function labelOf(line: string, rules: ClassifyRules): { kind: 'buyer' | 'reason'; value: string } | null {
  const heading = HEADING.exec(line);
  const field = heading ? `${heading[1] ?? heading[2]}:` : line.replace(FIELD_PREFIX, '');
  const label = labelIn(field, rules);
  if (label !== null) return label;
  // Amazon.ca writes the French first ("Commentaires de l'acheteur / Buyer comments :"): try the other half.
  const slash = field.indexOf('/');
  return slash > 0 && slash <= 40 && !/[:：]/.test(field.slice(0, slash)) ? labelIn(field.slice(slash + 1).trimStart(), rules) : null;
}

function labelIn(field: string, rules: ClassifyRules): { kind: 'buyer' | 'reason'; value: string } | null {
  for (const re of rules.buyerText.labelled) {
    const m = re.exec(field);
    if (m) return { kind: 'buyer', value: m.groups?.value ?? '' };
  }
  for (const re of rules.buyerText.reasonLabelled) {
    const m = re.exec(field);
    if (m) {
      const value = m.groups?.value ?? '';
      return { kind: isSentences(value) ? 'buyer' : 'reason', value };
    }
  }
  return null;
}

/**
 * A reason picked from Amazon's list is a short phrase ("商品の不具合", "Bought by mistake"); a value in
 * quotes or made of sentences is the buyer's own words written into the field ("お問い合わせ内容: 「…」").
 */
function isSentences(value: string): boolean {
  const v = value.trim();
  // Amazon's own reasons may end in a question mark ("Where's my stuff?"): a short one is still a reason.
  return /^["“「『].+["”」』]$/u.test(v) || /[。！？]/u.test(v) || (/[.!?]\s*$/.test(v) && v.split(/\s+/).length >= 6);
}

/** A line that starts another field of a notice: a label, a bulleted line, a rule line, a footer or history. */
function endsValue(lines: string[], i: number, rules: ClassifyRules): boolean {
  const line = lines[i]!;
  if (RULE_LINE.test(line) || WRAPPER_FIELD.test(line) || /^\s*(?:[■□●○◆◇◎]|--\s)/u.test(line)) return true;
  return labelOf(line, rules) !== null || isHistory(lines, i, rules) || rules.buyerText.end.some((re) => re.test(line.trim()));
}

/**
 * Values after buyer labels, and the matching cells of a table whose header names the buyer's comment
 * ("Return Reason | Customer's Comment", or columns of an HTML table). A value may run over the lines
 * after its label: up to a blank line, another field, a rule line or a footer (`toEnd`: inside relay
 * markers, blank lines do not end it).
 */
function labelledText(lines: string[], rules: ClassifyRules, toEnd: boolean): string {
  const found: string[] = [];
  const narrations: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(FIELD_PREFIX, '');
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 2) {
      const wanted = cells.map((c, index) => (rules.buyerText.labels.some((re) => re.test(c)) ? index : -1)).filter((x) => x >= 0);
      const row = lines[nextFilled(lines, i)];
      if (wanted.length && row) {
        const values = row.split('|').map((c) => c.trim());
        found.push(...wanted.map((index) => values[index] ?? '').filter(Boolean));
      }
      continue;
    }
    const column = columnValue(lines, i, rules);
    if (column !== null) {
      if (column) found.push(column);
      i += 1;
      continue;
    }
    const label = labelOf(lines[i]!, rules);
    if (label === null) continue;
    // A reason field left empty on its line, with quoted sentences below ("お問い合わせ内容：\n「…届いていない。」"):
    // the buyer's words were written into it.
    if (label.kind === 'reason' && !(label.value.trim() === '' && isSentences(lines[nextFilled(lines, i)] ?? ''))) continue;
    const value: string[] = label.value.trim() ? [label.value.trim()] : [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const next = lines[j]!;
      if (next.trim() === '') {
        if (value.length === 0 || toEnd) continue;
        break;
      }
      // A rule line right under an empty label frames the value ("お問い合わせ内容:\n―――\n…\n―――").
      if (value.length === 0 && RULE_LINE.test(next)) continue;
      // A value set as a block quote under its label (an HTML notice's <blockquote>): the buyer's words.
      if (QUOTED.test(next) && (value.length === 0 || QUOTED.test(lines[j - 1] ?? ''))) {
        value.push(unquoted(next).trimEnd());
        continue;
      }
      if (endsValue(lines, j, rules)) break;
      value.push(next.trimEnd());
    }
    i = j - 1;
    const joined = value.join('\n').trim();
    if (joined) (NARRATION.test(joined) ? narrations : found).push(unquote(joined));
  }
  // Amazon's own summary of the complaint is the buyer's words only where the buyer's are not given too.
  return (found.length > 0 ? found : narrations).join('\n').trim();
}

/** Amazon telling what the buyer said, in the third person ("Details: The customer reports that…", "お客様より…とのご連絡"). */
const NARRATION = /^(?:the\s+)?(?:customer|buyer)\s+(?:reports?|reported|states?|stated|says?|said|indicates?|indicated|mentions?|mentioned|claims?|claimed|advises?|advised|informs?|informed|has\s+(?:reported|stated|indicated|advised|informed|contacted))\b|^(?:お客様|購入者様?)(?:は|より|から)[^。\n]{0,60}(?:とのこと|との(?:ご)?(?:連絡|申し出|お問い合わせ)|と(?:申し出|おっしゃ|仰)(?:って|られ))/i;

/**
 * Quotes around a value are Amazon's, not the buyer's: "…" or 「…」 around the whole value, or around
 * the words after a short lead-in that reports them ('Customer states: "…"', "お客様より次のとおり…。\n"…"").
 */
function unquote(value: string): string {
  const m = /^([^"“「『]{0,80}?(?:[:：]\s*|\n|^))["“「『]([\s\S]+)["”」』]$/u.exec(value);
  return m && m[2]!.trim() ? m[2]!.trim() : value;
}

/**
 * An HTML table turned into aligned columns ("ORDER ITEM   ASIN   …   CUSTOMER'S COMMENT", values on the
 * next line): the cells under a buyer label, read by column position. Null when lines[i] is no such header.
 */
function columnValue(lines: string[], i: number, rules: ClassifyRules): string | null {
  const header = lines[i]!;
  if (!/\S {2,}\S/.test(header)) return null;
  const starts: number[] = [];
  const names: string[] = [];
  for (const m of header.matchAll(/\S+(?: \S+)*/g)) {
    starts.push(m.index);
    names.push(m[0]);
  }
  if (names.length < 3) return null;
  const wanted = names.map((n, k) => (rules.buyerText.labels.some((re) => re.test(n)) ? k : -1)).filter((k) => k >= 0);
  if (wanted.length === 0) return null;
  const row = lines[i + 1] ?? '';
  return wanted
    .map((k) => row.slice(starts[k], k + 1 < starts.length ? starts[k + 1] : undefined).trim())
    .filter(Boolean)
    .join('\n');
}
