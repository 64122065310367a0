// Reloading templates while kotae runs, so the seller's edit takes effect without a restart. A file
// saved broken never takes down a working template: its last good version stays in use until fixed.
import { watch, type FSWatcher } from 'node:fs';
import { errorMessage } from '../../shared/errors.ts';
import { assemble, readUnits, type Unit } from './load.ts';
import type { TemplateProblem, Templates } from './types.ts';

/** Editors save in several steps (temp file, rename); wait for them to settle. */
const DEBOUNCE_MS = 200;

export function watchTemplates(dir: string, onReload: (t: Templates) => void, onProblems: (p: TemplateProblem[]) => void): () => void {
  let lastGood = readUnits(dir).units;
  let timer: NodeJS.Timeout | undefined;

  const reload = (): void => {
    let fresh: ReturnType<typeof readUnits>;
    try {
      fresh = readUnits(dir);
    } catch (err) {
      onProblems([{ file: dir, line: null, message: `cannot reload the templates (${errorMessage(err)}); the loaded ones stay in use` }]);
      return;
    }
    const units = new Map<string, Unit>(fresh.units);
    const problems = fresh.problems.map((p) => {
      const kept = lastGood.get(p.file);
      if (kept === undefined || units.has(p.file)) return p;
      units.set(p.file, kept);
      return { ...p, message: `${p.message} (the last good version stays in use until this is fixed)` };
    });
    lastGood = units;
    const templates = assemble(dir, units, problems);
    onReload(templates);
    if (templates.problems.length > 0) onProblems(templates.problems);
  };

  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true }, () => {
      clearTimeout(timer);
      timer = setTimeout(reload, DEBOUNCE_MS);
    });
  } catch (err) {
    onProblems([{ file: dir, line: null, message: `cannot watch the templates folder (${errorMessage(err)}); restart kotae to load template changes` }]);
    return () => {};
  }
  watcher.on('error', (err) => {
    onProblems([{ file: dir, line: null, message: `stopped watching the templates folder (${errorMessage(err)}); restart kotae to load template changes` }]);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}
