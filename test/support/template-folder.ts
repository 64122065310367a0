// Throwaway templates folders for the template tests. Every folder made is removed by
// removeTemplateFolders (run it after each test): a test may make several.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** The smallest valid front matter: a buyer template. */
export const FRONT = '---\ndescription: test\naudience: buyer\nanswers:\n  kinds: [buyer_message]\n---\n';

const made: string[] = [];

/** A templates folder holding exactly these files (path → text). */
export function templateFolder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kotae-templates-'));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

export function removeTemplateFolders(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
