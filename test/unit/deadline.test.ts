// The answer window an account-health notice names, in Japanese and English.
import { describe, expect, it } from 'vitest';
import { noticeWindow } from '../../src/understand/deadline.ts';

const HOUR = 3_600_000;

describe('an account-health notice\'s window', () => {
  it.each<[string, number | null]>([
    ['72時間以内に、セラーセントラルのアカウント健全性ページから回答してください。', 72 * HOUR],
    ['７２時間以内にご対応ください。', 72 * HOUR],
    ['7日以内に商品名を修正してください。', 7 * 24 * HOUR],
    ['Please respond within 72 hours through Account Health.', 72 * HOUR],
    ['Submit a plan of action within 17 days.', 17 * 24 * HOUR],
    ['Repeated violations may result in the loss of your selling privileges.', null],
  ])('%s', (text, window) => {
    expect(noticeWindow(text)).toBe(window);
  });
});
