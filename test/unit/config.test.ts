// Configuration: defaults, relative paths, secrets from the environment or a file named by it, and
// errors that name the file, line and key with the fix (the CLI exits 2).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findConfigFile, loadConfig, parseConfigText, resolveSecret } from '../../src/config/load.ts';
import { ConfigError } from '../../src/shared/errors.ts';
import { main } from '../../src/cli/main.ts';
import { bufferIo } from '../../src/cli/io.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kotae-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const contractExample = `dataDir: ./data
timezone: Asia/Tokyo
accounts:
  - id: jp
    marketplace: JP
    address: shop@example.com
    approvers: [owner@example.com]
    imap: { host: 127.0.0.1, port: 10143, secure: false, user: shop@example.com, passwordEnv: KOTAE_JP_IMAP_PASSWORD }
    smtp: { host: 127.0.0.1, port: 10025, secure: false }
`;

describe('configuration', () => {
  it("accepts docs/contract.md's example and fills every default", () => {
    const config = parseConfigText(contractExample, join(dir, 'kotae.config.yaml'));
    expect(config.dataDir).toBe(join(dir, 'data'));
    expect(config.accounts[0]).toMatchObject({ id: 'jp', fulfilment: 'fba', approval: { tokenTtlHours: 72, checkAuthenticationResults: false } });
    expect(config.accounts[0]!.imap).toMatchObject({ mailboxes: ['INBOX'], markSeen: false });
    expect(config.accounts[0]!.smtp).toMatchObject({ sentCopy: 'auto' });
    expect(config.sync).toEqual({ batchSize: 200, replyWindowHours: 24, historyDays: 7 });
  });

  it('runs on defaults without a file (the demo, classify, guard)', () => {
    const config = loadConfig(null, dir);
    expect(config.accounts).toEqual([]);
    expect(config.dataDir).toBe(join(dir, 'data'));
  });

  it('finds the file from --config, then KOTAE_CONFIG, then ./kotae.config.yaml', () => {
    writeFileSync(join(dir, 'kotae.config.yaml'), 'timezone: Asia/Tokyo\n');
    expect(findConfigFile('other.yaml', {}, dir)).toBe(join(dir, 'other.yaml'));
    expect(findConfigFile(undefined, { KOTAE_CONFIG: '/etc/kotae.yaml' }, dir)).toBe('/etc/kotae.yaml');
    expect(findConfigFile(undefined, {}, dir)).toBe(join(dir, 'kotae.config.yaml'));
  });

  it.each([
    ['a wrong type', contractExample.replace('port: 10143', 'port: "imap"'), /:8 accounts\[0\]\.imap\.port/],
    ['an unknown key', contractExample.replace('timezone:', 'timezon:'), /:2 \(top level\): unknown key "timezon"/],
    ['a bad time zone', contractExample.replace('Asia/Tokyo', 'Tokyo'), /timezone: must be an IANA time zone/],
    ['a secret written in place of its variable name', contractExample.replace('passwordEnv: KOTAE_JP_IMAP_PASSWORD', 'passwordEnv: "hunter2!"'), /passwordEnv: must be the NAME of an environment variable/],
    ['a missing approver list', contractExample.replace('    approvers: [owner@example.com]\n', ''), /approvers: is required/],
    ['broken YAML', contractExample.replace('  - id: jp', '  - id: jp:\n bad'), /not valid YAML/],
    ['a bad cron expression', `${contractExample}schedule: { poll: "every 5 minutes" }\n`, /schedule\.poll: must be a cron expression/],
  ])('names the file, line and key of %s', (_what, text, pattern) => {
    expect(() => parseConfigText(text, join(dir, 'kotae.config.yaml'))).toThrow(pattern);
    try {
      parseConfigText(text, join(dir, 'kotae.config.yaml'));
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).hint).toBeTruthy();
    }
  });

  it('reads a secret from the environment, or from the file its _FILE variable names', () => {
    writeFileSync(join(dir, 'secret'), 'from-file\n');
    expect(resolveSecret('X_PASS', 'k', { X_PASS: 'direct' })).toBe('direct');
    expect(resolveSecret('X_PASS', 'k', { X_PASS_FILE: join(dir, 'secret') })).toBe('from-file');
    expect(() => resolveSecret('X_PASS', 'accounts[jp].imap.passwordEnv', {})).toThrow(/accounts\[jp\]\.imap\.passwordEnv: environment variable X_PASS is not set/);
  });

  it('exits 2 with the problem on stderr and nothing on stdout', async () => {
    writeFileSync(join(dir, 'kotae.config.yaml'), contractExample.replace('port: 10143', 'port: -1'));
    const io = bufferIo({}, dir);
    expect(await main(['status', '--json'], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr.join('\n')).toMatch(/kotae\.config\.yaml:8 accounts\[0\]\.imap\.port/);
  });

  it('checks every secret at start-up: a missing one is a configuration error naming its variable', async () => {
    writeFileSync(join(dir, 'kotae.config.yaml'), contractExample);
    const io = bufferIo({ KOTAE_JP_IMAP_PASSWORD_FILE: join(dir, 'missing') }, dir);
    expect(await main(['once'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/accounts\[jp\]\.imap\.passwordEnv: KOTAE_JP_IMAP_PASSWORD_FILE names .*missing, which cannot be read/);
  });
});
