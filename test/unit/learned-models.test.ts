// The two learned models (rules/guard-judge.json, rules/intent-model.json) are measured on blind rounds they
// were never trained on. A new round added to test/fixtures/blind must be either held out (listed here and in
// the training script's HELD_OUT_ROUNDS) or trained on (the model written again): otherwise the next run of the
// script would quietly train on a measure.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const blind = join(root, 'test/fixtures/blind');
const rounds = (prefix: string) => readdirSync(blind).filter((d) => d.startsWith(prefix)).map((d) => Number(d.slice(prefix.length))).sort((a, b) => a - b);
const trainedOn = (file: string) => (JSON.parse(readFileSync(join(root, 'rules', file), 'utf8')) as { trainedOn: { rounds: number[] } }).trainedOn.rounds;

describe('the learned models and their held-out rounds', () => {
  it('the intent model: every classify round trained on but the unread r16, r18 and r45 to r52', () => {
    const heldOut = [16, 18, 45, 46, 47, 48, 49, 50, 51, 52];
    const trained = trainedOn('intent-model.json');
    expect(trained.filter((r) => heldOut.includes(r))).toEqual([]);
    expect(rounds('classify-r').filter((r) => !trained.includes(r) && !heldOut.includes(r))).toEqual([]);
    expect(readFileSync(join(root, 'scripts/train-intent-model.ts'), 'utf8')).toContain(`const HELD_OUT_ROUNDS = [${heldOut.join(', ')}];`);
  });

  it('the guard\'s judge: every guard round trained on but the held-out r38 and r39', () => {
    const heldOut = [38, 39];
    const trained = trainedOn('guard-judge.json');
    expect(trained.filter((r) => heldOut.includes(r))).toEqual([]);
    expect(rounds('guard-r').filter((r) => !trained.includes(r) && !heldOut.includes(r))).toEqual([]);
    expect(readFileSync(join(root, 'scripts/train-guard-judge.ts'), 'utf8')).toContain(`const HELD_OUT_ROUNDS = [${heldOut.join(', ')}];`);
  });
});
