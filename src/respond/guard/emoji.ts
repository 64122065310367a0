// Emoji and pictographs, on the body as written (joiners and variation selectors are part of an emoji).
// ©, ® and ™ are Extended_Pictographic in Unicode but ordinary text symbols unless drawn as emoji
// (followed by U+FE0F). Symbols outside Extended_Pictographic (★ ☆ ♪ ♡ ※ ■) are text, not emoji.
import { sourceSpan, type Mapped, type Span } from './mapped.ts';

const PICTOGRAPH = String.raw`(?:(?![©®™](?!\uFE0F))\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?)`;
const EMOJI = new RegExp(
  String.raw`(?:\p{Regional_Indicator}{1,2}|[0-9#*]\uFE0F?\u20E3|${PICTOGRAPH}(?:\u200D${PICTOGRAPH})*)+`,
  'gu',
);

export function findEmoji(view: Mapped): Span[] {
  return [...view.text.matchAll(EMOJI)].map((m) => sourceSpan(view, m.index, m.index + m[0].length));
}

