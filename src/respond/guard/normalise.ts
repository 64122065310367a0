// The views the detectors read. Each is a Mapped rewrite of the body, so a match in any view can be
// quoted from the body exactly as written. Disguises are undone here, once, for every rule.
import { HTML_ENTITY, entityText } from '../../shared/html.ts';
import { identity, rewrite, type Mapped } from './mapped.ts';

// Invisible characters that split a word or a number without showing (and variation selectors).
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u2060-\u2064\uFEFF\uFE00-\uFE0F]/gu;
// A base character with its combining marks; half-width kana voicing marks count as combining so
// that ｶﾞ becomes ガ, not カ plus a loose mark.
const SEGMENT = /[^\p{M}\uFF9E\uFF9F][\p{M}\uFF9E\uFF9F]*|[\p{M}\uFF9E\uFF9F]+/gsu;
const LINE_BREAKS = /[ \t]*\r?\n(?:[ \t]*\r?\n)*[ \t]*/g;
const NON_ASCII = /[^\x00-\x7F]/;
// Japanese written letter by letter with spaces between (レ ビ ュ ー, 高　評　価): three or more in a row are one word.
const J = String.raw`[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー、。]`;
const LETTER_SPACED = new RegExp(`${J}(?: ${J}){2,}`, 'gu');
// Written one character to a line (縦書き: ほ/し/い/つ/つ): three or more such lines are one word.
const ONE_PER_LINE = /(?<=^|\n)[ \t\u3000]*[^\s][ \t\u3000]*(?:\r?\n[ \t\u3000]*[^\s][ \t\u3000]*){2,}(?=\r?\n|$)/gu;

/**
 * NFKC (full-width letters, digits, ＠, ．, ：／／ become ASCII), invisible characters removed, Japanese
 * spaced out letter by letter closed up, and
 * hard-wrapped lines joined so a phrase split by a line break still reads as one: Japanese lines join
 * with nothing, others with a space. A blank line stays a single "\n" (a paragraph boundary).
 */
export function baseView(plain: Mapped): Mapped {
  const visible = rewrite(plain, INVISIBLE, () => '');
  const nfkc = rewrite(visible, SEGMENT, (m) => m[0].normalize('NFKC'));
  const vertical = rewrite(nfkc, ONE_PER_LINE, (m) => m[0].replace(/\s/gu, ''));
  const joined = rewrite(vertical, LETTER_SPACED, (m) => m[0].replace(/ /g, ''));
  return rewrite(joined, LINE_BREAKS, (m) => {
    if ((m[0].match(/\n/g) ?? []).length > 1) return '\n';
    const before = m.input.charAt(m.index - 1);
    const after = m.input.charAt(m.index + m[0].length);
    return NON_ASCII.test(before) && NON_ASCII.test(after) ? '' : ' ';
  });
}

const KANJI_DIGITS: Record<string, string> = {
  〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9',
};

const SPOKEN_DIGITS: Record<string, string> = {
  ゼロ: '0', れい: '0', レイ: '0', マル: '0', ぜろ: '0', イチ: '1', いち: '1', ニイ: '2', ニー: '2', にい: '2', にー: '2', ニ: '2', に: '2', サン: '3', さん: '3', ヨン: '4', よん: '4', シ: '4',
  ゴ: '5', ご: '5', ゴー: '5', ごー: '5', きゅー: '9', しち: '7', ロク: '6', ろく: '6', ナナ: '7', なな: '7', シチ: '7', ハチ: '8', はち: '8', キュウ: '9', キュー: '9', きゅう: '9', ク: '9',
  zero: '0', oh: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};
// The kana words above, hiragana too (ぜろきゅうぜろ、ななよんいちに), longest first: ごー is one 5, not ご and a dash.
const KANA_DIGIT = `(?:${Object.keys(SPOKEN_DIGITS)
  .filter((w) => /^[\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(w))
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
// Three or more digits said in katakana (ゼロ・キュウ・ゼロ, ゼロハチゼロ): dots and commas between them go too.
// A group may follow の (ゼロキュウゼロ の イチニイサン): every other kana before it makes it part of a word.
const SPOKEN_KANA = new RegExp(`(?<![\\p{Script=Katakana}ぁ-ねは-ゖ])${KANA_DIGIT}(?:[・、,\\s]?${KANA_DIGIT}){2,}(?![\\p{Script=Katakana}])`, 'gu');
// Seven or more English digit words in a row ("eight one eight, five five five, …"), "double nine" as two;
// groups may be joined by a word said between them ("…, four nine six, then oh-three-seven-two").
const EN_DIGIT = '(?:(?:double|triple)[\\s-]+)?(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)(?:[\\s-]+hundred)?';
const EN_GROUP_JOIN = '(?:then|and|and\\s+then|followed\\s+by|after\\s+that)';
const SPOKEN_EN = new RegExp(`\\b${EN_DIGIT}(?:[\\s,.-]+(?:${EN_GROUP_JOIN}[\\s,.-]+)?${EN_DIGIT}\\b){6,}`, 'giu');
const KEYPAD = '22233344455566677778889999';
const AREA_CODE_PARTS = /市外局番\s*(?:は|が)?\s*(0\d{1,4})[^\d。！？\n]{1,10}?(\d{1,4})[^\d。！？\n]{1,10}?(\d{3,4})(?!\d)/gu;
// A vanity number (1-888-MY-PATIO, 1-800-555-VOLT): its letters are keypad digits.
const VANITY = /\b1[-\s.]?8(?:00|33|44|55|66|77|88)[-\s.]?(?=[A-Z0-9-]*[A-Z])[A-Z0-9][A-Z0-9-]{5,}[A-Z0-9]\b/gu;

/** Digits in any script as ASCII digits, for phone detection only (一 is everywhere in ordinary text). */
export function phoneView(base: Mapped): Mapped {
  const kanji = rewrite(base, /[〇零一二三四五六七八九]/gu, (m) => KANJI_DIGITS[m[0]] ?? m[0]);
  const kana = rewrite(kanji, SPOKEN_KANA, (m) => m[0].replace(new RegExp(KANA_DIGIT, 'gu'), (d) => SPOKEN_DIGITS[d] ?? d).replace(/[・、,\s]/gu, ''));
  // Spoken groups keep their boundaries ("five one two, eight eight four, …" is 512-884-…), so the
  // number is judged by its grouping like a written one; words said in one breath join.
  const english = rewrite(kana, SPOKEN_EN, (m) =>
    m[0]
      .toLowerCase()
      .replace(new RegExp(`[\\s,.-]*\\b${EN_GROUP_JOIN}\\b[\\s,.-]*`, 'g'), ', ')
      .replace(/(double|triple)[\s-]+([a-z]+)/g, (_, times: string, d: string) => (times === 'double' ? `${d} ${d}` : `${d} ${d} ${d}`))
      // "eight hundred" (a toll-free prefix said aloud) is 800.
      .replace(/([a-z]+)[\s-]+hundred/g, (_, d: string) => `${d} zero zero`)
      // "six-one-seven" is one group said with hyphens, as "six one seven" is with spaces.
      .replace(/([a-z])-(?=[a-z])/g, '$1 ')
      .replace(/[a-z]+/g, (d) => SPOKEN_DIGITS[d] ?? d)
      .replace(/\s*[,.-]+\s*/g, '-')
      .replace(/\s+/g, ''),
  );
  // A number read out in parts ("市外局番が0263、その次が32、最後が4051"): its groups, written as one.
  const parts = rewrite(english, AREA_CODE_PARTS, (m) => `${m[1]}-${m[2]}-${m[3]}`);
  // A vanity word may run past the seven digits dialled (1-800-FIX-GRILL): the rest is not dialled.
  return rewrite(parts, VANITY, (m) => {
    const area = /^1[-\s.]?8\d\d[-\s.]?/.exec(m[0])![0];
    const line = m[0].slice(area.length).replace(/[A-Z]/g, (c) => KEYPAD[c.charCodeAt(0) - 65]!).replace(/\D/g, '').slice(0, 7);
    return `${area}${line.slice(0, 3)}-${line.slice(3)}`;
  });
}

// Weaker disguises ("shop. jp", "shop。jp") are read as a dot only before a common top-level domain.
const COMMON_TLD = '(?:com|net|org|jp|co|ne|info|biz|shop|store|io|me|ly|to|gl)(?![a-z0-9])';
const DOT_FORMS = new RegExp(
  [
    String.raw`\s*[\[(【{<]\s*(?:dot|ドット|どっと|点|\.)\s*[\])】}>]\s*`,
    String.raw`(?<=[a-z0-9])\s*(?:ドット|どっと)\s*(?=[a-z0-9])`,
    String.raw`(?<=[a-z0-9])\s+dot\s+(?=[a-z0-9])`,
    // A spaced full stop joins only before a small letter, a digit or a top-level domain that is no word (". Com", not ". To"):
    // "…/order-history . It ships" ends a sentence.
    String.raw`(?<=[a-z0-9])\s+\.\s+(?=(?-i:[a-z0-9])|(?:com|net|org|jp|info|biz|shop|store)(?![a-z0-9]))`,
    String.raw`(?<=[a-z0-9])\s+\.(?=[a-z])`,
    // Spaces for dots: before a two-part suffix ("shop com au"), or with a hint ("shop com (no spaces)").
    String.raw`(?<=[a-z0-9]{3})\s+(?=(?:com|co|net|org)\s+(?:au|uk|jp|nz|ca|sg)(?![a-z0-9]))`,
    String.raw`(?<=[a-z0-9]{3}\s+(?:com|co|net|org))\s+(?=(?:au|uk|jp|nz|ca|sg)(?![a-z0-9]))`,
    String.raw`(?<=[a-z0-9]{3})\s+(?=(?:com|net|org|jp|shop|store)\s*[(（,、]?\s*(?:(?:no\s+spaces|without\s+(?:the\s+)?spaces|remove\s+the\s+spaces)\b|スペース(?:なし|無し|を(?:詰め|除|抜))))`,
  ].join('|'),
  'giu',
);
// Not across a line break, nor before a capital (checked in the code: the pattern ignores case): "$24.99.\nTo
// help" and "we're done. To start" are two sentences.
const WEAK_DOT = new RegExp(String.raw`(?<=[a-z0-9])(?:\.[ \t]+|[ \t]*。[ \t]*)(?=${COMMON_TLD})`, 'giu');
const AT_FORMS = new RegExp(
  [
    String.raw`\s*[\[(【{<]\s*(?:at|@|アット(?:マーク)?|あっと(?:まーく)?)\s*[\])】}>]\s*`,
    String.raw`(?<=[a-z0-9])\s*(?:アットマーク|あっとまーく|アット|あっと)\s*(?=[a-z0-9])`,
    // A plain English "at" only before something shaped like a domain ("arrive at 10." stays).
    String.raw`(?<=[a-z0-9])\s+at\s+(?=[a-z0-9][a-z0-9-]*\.[a-z])`,
    String.raw`(?<=[a-z0-9])\s*@\s*(?=[a-z0-9])`,
    // Japanese sites often write ★ for @ to dodge address harvesters.
    String.raw`(?<=[a-z0-9])\s*[★☆◎●◆■※]\s*(?=[a-z0-9-]+\.[a-z])`,
  ].join('|'),
  'giu',
);

// An address spelled in katakana (ダブリュー・ダブリュー・ダブリュー ドット shop ドット コム): its Latin parts.
const KATAKANA_URL = /ダブリュー(?:[・\s]*ダブリュー){2}|(?<=(?:ドット|どっと)[・\s]*)(?:コム|ジェイピー|ネット|オルグ|シーオー)/gu;
const KATAKANA_URL_PART: Record<string, string> = { コム: 'com', ジェイピー: 'jp', ネット: 'net', オルグ: 'org', シーオー: 'co' };

// An address written one character at a time ("s u p p o r t @ s h o p . c o m"): five or more in a row.
const SPACED_OUT = /(?<![\p{L}\p{N}])[a-z0-9](?: [a-z0-9.@_-]){4,}(?![\p{L}\p{N}])/giu;

/** Spelled-out and bracketed "at" and "dot" as @ and ., for email and link detection. */
export function contactView(base: Mapped): Mapped {
  const joined = rewrite(base, SPACED_OUT, (m) => m[0].replaceAll(' ', ''));
  const latin = rewrite(joined, KATAKANA_URL, (m) => KATAKANA_URL_PART[m[0]] ?? 'www');
  const strong = rewrite(latin, DOT_FORMS, () => '.');
  const dots = rewrite(strong, WEAK_DOT, (m) => (/[A-Z]/.test(m.input.charAt(m.index + m[0].length)) ? m[0] : '.'));
  return rewrite(dots, AT_FORMS, () => '@');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
// A run of block boundaries (</p><ul><li>) is one line break; each <br> is one; other tags are none.
const BLOCK = String.raw`\/?(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|tr|table|blockquote|center)\b`;
const TAGS = new RegExp(String.raw`(?:<${BLOCK}[^>]*>\s*)+|<br\b[^>]*>|<\/?[a-z][^>]*>`, 'giu');
const BREAKS = new RegExp(String.raw`^<(?:br\b|${BLOCK})`, 'i');

/**
 * What a buyer reads from the HTML alternative: source whitespace collapsed (it does not render),
 * <br> and block boundaries as line breaks, hidden parts dropped, entities decoded.
 */
export function htmlView(html: string): Mapped {
  const hidden = rewrite(identity(html), /<!--[\s\S]*?-->|<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/giu, () => '');
  const spaced = rewrite(hidden, /\s+/gu, () => ' ');
  const tags = rewrite(spaced, TAGS, (m) => (BREAKS.test(m[0]) ? '\n' : ''));
  return rewrite(tags, HTML_ENTITY, (m) => entityText(m, NAMED_ENTITIES));
}
