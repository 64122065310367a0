// The TypeScript sources type-check (strict). Node runs them with the types stripped, so nothing else
// would catch a type error before it bites at run time.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';

it('tsc --noEmit passes on src, test, bench and bin', () => {
  const root = join(import.meta.dirname, '..');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { encoding: 'utf8' });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 120_000);
