// The README's test command (`make test`) runs this: the whole vitest suite, then one totals line.
// With KOTAE_REQUIRE_SERVERS=1 (set by .ci/run) a skipped test is a failure: CI must prove the
// integration tests ran against the real servers, not that they were skipped.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const resultsDir = '.test-results';
const resultsFile = `${resultsDir}/vitest.json`;
mkdirSync(resultsDir, { recursive: true });

const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  /** One per test file. */
  testResults: { status: string; assertionResults: { status: string }[] }[];
}

let totals = { passed: 0, failed: 1, skipped: 0 };
try {
  const json = JSON.parse(readFileSync(resultsFile, 'utf8')) as VitestJson;
  totals = {
    passed: json.numPassedTests,
    // A test file that fails to load has no test to count: count it as one failure. (Vitest's
    // numFailedTestSuites also counts each describe around a failed test, which would count it twice.)
    failed: json.numFailedTests + json.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length,
    skipped: json.numPendingTests + json.numTodoTests,
  };
} catch {
  console.error('test: vitest wrote no results; counting the run as failed');
}

const requireServers = process.env.KOTAE_REQUIRE_SERVERS === '1';
if (requireServers && totals.skipped > 0) {
  console.error(`test: ${totals.skipped} test(s) skipped while KOTAE_REQUIRE_SERVERS=1: CI fails on skipped integration tests`);
}
const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
writeFileSync(`${resultsDir}/totals.txt`, `${line}\n`);
console.log(line);
const ok = run.status === 0 && totals.failed === 0 && !(requireServers && totals.skipped > 0);
process.exit(ok ? 0 : 1);
