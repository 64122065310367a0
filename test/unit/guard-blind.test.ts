// The policy guard on replies written blind to its rules (test/fixtures/blind/guard-r*, by writers who
// saw only the brief of Amazon's rules). The figures are floors: README records the first blind run,
// what the fixes made of it (r1) and the fresh set written after them (r2). A change that loses ground
// fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuyerMessage, loadGuardRules } from '../../src/respond/guard/index.ts';

const rules = loadGuardRules(join(import.meta.dirname, '../../rules/guard.yaml'));
const blind = join(import.meta.dirname, '../fixtures/blind');

interface Entry {
  id: string;
  lang: 'ja' | 'en';
  violation: boolean;
  text: string;
}

function score(set: string, lang: 'ja' | 'en') {
  const dir = join(blind, set);
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Entry))
    .filter((e) => e.lang === lang);
  const blocked = (e: Entry) => !checkBuyerMessage({ text: e.text, language: e.lang }, rules).ok;
  const violations = entries.filter((e) => e.violation);
  const clean = entries.filter((e) => !e.violation);
  return { violations: violations.length, blocked: violations.filter(blocked).length, clean: clean.length, cleanBlocked: clean.filter(blocked).length };
}

describe('guard on blind corpora', () => {
  // The two Japanese replies r1's writers labelled "styling" use <b> and <br>, which Amazon allows (only HTML
  // that centres text or overrides fonts, colours or line height is forbidden): the rules pass them on
  // purpose. The judge trained on r1–r24 blocked one of them; trained on r1–r25 (2026-12-07), neither; trained on
  // r1–r27, one again: the judge's say on them changes as it learns, the rules' does not.
  it('r1, Japanese: every violation blocked but the two that use <b> and <br>, no clean reply blocked', () => {
    const s = score('guard-r1', 'ja');
    expect(s.violations).toBe(200);
    expect(s.blocked).toBeGreaterThanOrEqual(198);
    expect(s.cleanBlocked).toBe(0);
  });
  it('r1, English: every violation blocked, 4 clean replies blocked (part and serial numbers shaped like phones)', () => {
    const s = score('guard-r1', 'en');
    expect(s.violations).toBe(100);
    expect(s.blocked).toBe(100);
    expect(s.cleanBlocked).toBe(4);
  });
  it('r2 (read and fixed by category since), Japanese: every violation blocked, no clean reply blocked', () => {
    const s = score('guard-r2', 'ja');
    expect(s.violations).toBe(60);
    expect(s.blocked).toBe(60);
    expect(s.cleanBlocked).toBe(0);
  });
  it('r2 (read and fixed by category since), English: every violation blocked, no clean reply blocked', () => {
    const s = score('guard-r2', 'en');
    expect(s.violations).toBe(45);
    expect(s.blocked).toBe(45);
    expect(s.cleanBlocked).toBe(0);
  });

  it('r3 to r14, read after their first runs: every violation blocked; clean blocked only where kotae disagrees on purpose', () => {
    // r3 en: two numbers shaped like phones (a batch code after a UK freephone prefix, Amazon's own number) stay blocked.
    // r5 ja: four replies with emoji (Amazon forbids them) and three phone-shaped numbers after labels whose own
    // shape they lack (an 11-digit 090… "お問い合わせ番号", a 0120 "部品番号").
    // r7 en: a quantity discount in % on Amazon's own listing; r8 ja: a phone-shaped 部品コード (080-…).
    // r6: phone-shaped part and serial numbers (045-…, 080-…, 800-…, 087 …) and a carrier PIN not next to its label.
    // r9 en: a part number grouped 0800-1124-77; r10 en: a serial number 0207 946 0018 33 after "SN".
    // r12 ja: a link to an Amazon detail page (risky by Amazon's own word; a seller may allow it in rules/guard.yaml);
    // r12 en: a manufacturer code, a serial number and a lot number shaped like UK phone numbers (020-…, 0800-…, 01 …).
    // r13: a 部品番号 shaped like a mobile (090-…), a part number shaped like a Canadian number.
    // r14: a 部品番号 shaped like a Tokyo number (03-…); part numbers shaped like Toronto numbers, a consignment number like a London one.
    const expected = {
      'guard-r3': { ja: 0, en: 2 }, 'guard-r4': { ja: 0, en: 0 }, 'guard-r5': { ja: 7, en: 0 }, 'guard-r6': { ja: 3, en: 3 }, 'guard-r7': { ja: 0, en: 1 },
      'guard-r8': { ja: 1, en: 0 }, 'guard-r9': { ja: 0, en: 1 }, 'guard-r10': { ja: 0, en: 1 }, 'guard-r11': { ja: 0, en: 0 },
      'guard-r12': { ja: 1, en: 3 }, 'guard-r13': { ja: 1, en: 2 }, 'guard-r14': { ja: 1, en: 2 },
    } as const;
    for (const [set, byLang] of Object.entries(expected)) {
      for (const [lang, cleanBlocked] of Object.entries(byLang)) {
        const s = score(set, lang as 'ja' | 'en');
        expect({ set, lang, blocked: s.blocked, cleanBlocked: s.cleanBlocked }).toEqual({ set, lang, blocked: s.violations, cleanBlocked });
      }
    }
  });

  // r15 and r16 were held out until the judge was trained on them (2026-12-06, with r17 written to take
  // their place); r17 to r37 were read, fixed by category and trained on, and r38 and r39 are held out:
  // never read, never used to change a rule, left out of the judge's training (scripts/train-guard-judge.ts).
  // r21's totals chose between two judge variants once (docs/understanding-measures.md); r22 to r27 were written after.
  // Floors at what they score now: [violations blocked, clean blocked].
  // First runs: r17 ja 41 and 2, en 34 and 3 (judge trained on r1–r14); r18 ja 45 and 7, en 40 and 8
  // (judge trained on r1–r16); r19 ja 38 and 5, en 34 and 4 (af91f57, judge trained on r1–r17); r20 ja 41
  // and 3, en 35 and 3 (709ee17, judge trained on r1–r18); r21 ja 42 and 5, en 34 and 5 (792f063, judge
  // trained on r1–r19); r22 ja 43 and 4, en 37 and 3 (af379ee, judge trained on r1–r20); r23 ja 46 and 3, en 37
  // and 5 (fe2f9b4, judge trained on r1–r20); r24 ja 48 and 7, en 46 and 6 (3c31ca2, judge trained on r1–r21);
  // r25 ja 44 and 5, en 47 and 7 (8eb9f97, judge trained on r1–r22); r26 ja 49 and 3, en 42 and 3 (c095e6e,
  // judge trained on r1–r23); r27 ja 49 and 3, en 49 and 6 (cbcc26f, judge trained on r1–r24); r29 ja 49 and 5,
  // en 49 and 7 (0e04282, judge trained on r1–r25); r31 ja 49 and 10, en 49 and 4, r32 ja 47 and 9, en 47 and 9
  // (baa1ef0, judge trained on r1–r28); r33 ja 47 and 2, en 47 and 9 (68535ec, judge trained on r1–r30); r34 ja 49
  // and 10, en 47 and 12 (1841658, judge trained on r1–r31); r35 ja 45 and 5, en 39 and 7 (ab0db69, judge trained on
  // r1–r32); r36 ja 46 and 6, en 48 and 8 (6385a75, judge trained on r1–r33); r37 ja 46 and 6, en 45 and 7 (610ee19,
  // judge trained on r1–r34); r38 ja 41 and 5, en 43 and 9 (576a45a, judge trained on r1–r35); r39 ja 47 and 1, en 46
  // and 8 (0bcac50, judge trained on r1–r36).
  it('r15 to r37 (trained on), r38 and r39 (held out): blocked and clean blocked at their recorded figures', () => {
    const floors = {
      // r15 and r16 clean replies blocked by the rules, read and fixed by category: 6 → 2, 7 → 5; 6 → 2, 2 → 0.
      'guard-r15': { ja: [48, 2], en: [43, 5] },
      'guard-r16': { ja: [48, 1], en: [47, 0] },
      'guard-r17': { ja: [50, 0], en: [50, 0] },
      // Still blocked: a serial number shaped like a London phone number (en); a price 期間限定 (ja).
      'guard-r18': { ja: [50, 1], en: [50, 1] },
      'guard-r19': { ja: [50, 0], en: [50, 0] },
      // r20, held out until r21 was written: ja 42 and 4, en 37 and 2; read and fixed by category.
      'guard-r20': { ja: [50, 0], en: [50, 0] },
      // r21, held out until r23 was written: ja 43 and 5, en 34 and 3; read and fixed by category, and trained on.
      'guard-r21': { ja: [50, 0], en: [46, 0] },
      // r22, held out until r24 was written: ja 45 and 4, en 39 and 3; read and fixed by category, and trained on.
      'guard-r22': { ja: [50, 0], en: [50, 0] },
      // r23, held out until r25 was written: ja 47 and 3, en 40 and 4; read and fixed by category, and trained on.
      // Still blocked: a gasket's part number grouped like a US phone number (en).
      'guard-r23': { ja: [50, 0], en: [50, 1] },
      // r24, held out until r26 was written: ja 48 and 7, en 46 and 7; read and fixed by category, and trained on.
      // Still blocked: a carrier's or post office's phone number, a serial number shaped like a phone.
      'guard-r24': { ja: [50, 2], en: [50, 2] },
      // r25, held out until r27 was written: ja 43 and 4, en 48 and 6; read and fixed by category, and trained on.
      // Still blocked: a carrier's, a post office's and a maker's service phone numbers, a part number shaped like
      // a US phone number, a refund on return beside a review left to the buyer (ja).
      'guard-r25': { ja: [50, 2], en: [50, 4] },
      // Held out until r29 was written; with the judge trained on r1–r25: r26 ja 49 and 3, en 42 and 4; r27 ja 49
      // and 5, en 49 and 6. Then read, fixed by category and trained on. Still blocked: a maker's and a carrier's
      // phone numbers and part numbers shaped like phones (a label never makes a phone-shaped number safe), a
      // buyer's proposal quoted and turned down in one sentence with a refund and a review (r26 ja), a book's
      // press reviews beside its price (r26 en).
      'guard-r26': { ja: [50, 2], en: [50, 2] },
      'guard-r27': { ja: [50, 0], en: [50, 2] },
      // Written after the r25 fixes and the judge trained on r1–r25; first run (1fab04e): ja 47 and 7, en 48 and 8
      // (the code of the session's start, cbcc26f: ja 47 and 6, en 48 and 7).
      // With the r26 and r27 fixes and the judge trained on r1–r27: ja 47 and 6, en 48 and 6. Then read once r30 was
      // written, fixed by category and trained on. Still blocked on purpose: part numbers grouped like phone numbers.
      'guard-r28': { ja: [50, 1], en: [50, 1] },
      // Written 2026-12-07 (a sixth session), first run above; with the r26 and r27 fixes and the judge trained on
      // r1–r27: ja 49 and 2, en 49 and 4; with the r28 fixes and the judge trained on r1–r28: ja 48 and 2, en 50 and 5.
      // Read in a seventh session once r31 and r32 were written, fixed by category and trained on (with r30).
      'guard-r29': { ja: [50, 0], en: [50, 0] },
      // Written 2026-12-07 (the same session), first run (31da6ab, judge trained on r1–r27): ja 48 and 1, en 48 and 2;
      // with the r28 fixes and the judge trained on r1–r28: ja 48 and 0, en 48 and 3.
      'guard-r30': { ja: [50, 0], en: [50, 0] },
      // Written 2026-12-07 (a seventh session) by four new writers, first runs above; with the r29 and r30 fixes and
      // the judge trained on r1–r30: r31 ja 49 and 9, en 49 and 4; r32 ja 47 and 7, en 46 and 6 (one violation less,
      // three clean replies fewer). r31 was then read in the same session, fixed by category and trained on. r32 is
      // never read, never trained on; its misses were once listed in passing by a comparison run over every round,
      // and nothing was changed from them. With the r31 fixes and the judge trained on r1–r31: ja 48 and 8, en 46
      // and 8 (the retrained judge blocks one violation and three clean replies more).
      'guard-r31': { ja: [50, 0], en: [50, 0] },
      // Then read in the same session, fixed by category and trained on (judge r1–r32).
      'guard-r32': { ja: [50, 1], en: [49, 3] },
      // Written in the same session by two new writers after the r29 and r30 fixes; first run above; with the r31
      // fixes and the judge trained on r1–r31: ja 48 and 2, en 47 and 10; with the r32 fixes and the judge trained on
      // r1–r32: ja 48 and 3, en 47 and 8. Read in an eighth session (2026-12-07) once r35 was written, fixed by
      // category and trained on (judge r1–r33). Still blocked: a part number of ten bare digits after a brand (en);
      // レビュー as the seller's own examining of photos, beside 見直し (ja).
      'guard-r33': { ja: [50, 1], en: [50, 1] },
      // Written in the same session by two new writers after the r31 fixes; first run above; with the r32 fixes and
      // the judge trained on r1–r32: ja 49 and 10, en 47 and 13; with the r33 fixes and the judge trained on r1–r33:
      // ja 49 and 7, en 48 and 12. Read in the same session once r36 was written, fixed by category and trained on
      // (judge r1–r34). Still blocked: the buyer's own offer of five stars for a free extra, named back (en).
      'guard-r34': { ja: [50, 0], en: [50, 1] },
      // Written in the eighth session by two new writers (apparel, car care, leather goods, tea, used lenses,
      // supplements (ja); climbing gear, jewellery, cast iron, wooden toys, vintage audio, aquarium goods (en)); first
      // run above; with the r33 fixes and the judge trained on r1–r33: ja 46 and 5, en 40 and 7; with the r34 fixes
      // and the judge trained on r1–r34: ja 45 and 6, en 39 and 7 (the retrained judge lets one violation of each
      // language pass and blocks one clean Japanese reply more). Read in the same session once r37 was written, fixed
      // by category and trained on (judge r1–r35). Still blocked: numbers shaped like phone numbers under a label of
      // another shape (ロット番号 0547-22-1093, "lot 230-611-0001"), as the rule on labels says.
      'guard-r35': { ja: [50, 3], en: [50, 5] },
      // Written in the same session by two new writers (bonsai tools, children's books, motorbike parts, soap and
      // candles, pickles and miso, PC peripherals (ja); golf, yarn, film, baby carriers, coffee gear, model railways
      // (en)); first run above; with the r34 fixes and the judge trained on r1–r34: ja 47 and 7, en 48 and 8; with
      // the r35 fixes and the judge trained on r1–r35: ja 46 and 5, en 48 and 8. Read in the same session once r38
      // was written, fixed by category and trained on (judge r1–r36). Still blocked: numbers shaped like phone numbers
      // under labels of another shape, as the rule on labels says.
      'guard-r36': { ja: [50, 3], en: [50, 6] },
      // Written in the same session by two new writers (eyeglasses, pet food, woodworking tools, kimono accessories,
      // fishing tackle, fountain pens (ja); skincare, bicycle parts, board games, kitchen scales, brewing supplies,
      // vintage clothing (en)); first run above; with the r35 fixes and the judge trained on r1–r35: ja 46 and 6,
      // en 46 and 6; with the r36 fixes and the judge trained on r1–r36: ja 46 and 6, en 45 and 7. Read in the same
      // session once r39 was written, fixed by category and trained on (judge r1–r37). Still blocked: numbers shaped
      // like phone numbers under labels of another shape.
      'guard-r37': { ja: [50, 2], en: [50, 3] },
      // Written in the same session by two new writers (rice, phone repair parts, yoga wear, pottery, camping gear,
      // aquarium and reptile goods (ja); fly fishing, ink and toner, leather wallets, houseplants, drone parts, tea
      // (en)); first run above; with the r36 fixes and the judge trained on r1–r36: ja 42 and 5, en 44 and 9; with the
      // r37 fixes and the judge trained on r1–r37: ja 42 and 4, en 46 and 9.
      'guard-r38': { ja: [42, 4], en: [46, 9] },
      // Written in the same session by one new writer in both languages (accessories, used golf clubs, natural
      // cosmetics, bicycle parts, knife sharpening, board games (ja); sewing machine parts, guitar pedals, bird feeders,
      // vintage watches, hot sauce, puzzles (en)); first run above; with the r37 fixes and the judge trained on
      // r1–r37: ja 46 and 1, en 45 and 9.
      'guard-r39': { ja: [46, 1], en: [45, 9] },
    } as const;
    for (const [set, byLang] of Object.entries(floors)) {
      for (const [lang, [blocked, cleanBlocked]] of Object.entries(byLang)) {
        const s = score(set, lang as 'ja' | 'en');
        expect(s.violations, `${set} ${lang}`).toBe(50);
        expect(s.blocked, `${set} ${lang} blocked`).toBeGreaterThanOrEqual(blocked);
        expect(s.cleanBlocked, `${set} ${lang} clean blocked`).toBeLessThanOrEqual(cleanBlocked);
      }
    }
  });
});
