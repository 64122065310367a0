// Configuration: defaults, relative paths, secrets from the environment or a file named by it, and
// errors that name the file, line and key with the fix (the CLI exits 2).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    ['an unknown key', contractExample.replace('timezone:', 'timezon:'), /:2 timezon: unknown key "timezon"; did you mean "timezone"\?/],
    ['a bad time zone', contractExample.replace('Asia/Tokyo', 'Tokyo'), /timezone: must be an IANA time zone/],
    ['a secret written in place of its variable name', contractExample.replace('passwordEnv: KOTAE_JP_IMAP_PASSWORD', 'passwordEnv: "hunter2!"'), /passwordEnv: must be the NAME of an environment variable/],
    ['a missing approver list', contractExample.replace('    approvers: [owner@example.com]\n', ''), /approvers: is required/],
    ['broken YAML', contractExample.replace('  - id: jp', '  - id: jp:\n bad'), /not valid YAML/],
    ['a bad cron expression', `${contractExample}schedule: { poll: "every 5 minutes" }\n`, /schedule\.poll: must be a cron expression/],
    ['an account with no way to send', contractExample.replace(/ {4}smtp: .*\n/, ''), /:4 accounts\[0\]\.smtp: account "jp" has neither smtp nor outboxDir/],
  ])('names the file, line and key of %s', (_what, text, pattern) => {
    expect(() => parseConfigText(text, join(dir, 'kotae.config.yaml'))).toThrow(pattern);
    try {
      parseConfigText(text, join(dir, 'kotae.config.yaml'));
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as ConfigError).hint).toBeTruthy();
    }
  });

  it('accepts an account that sends through a local folder, and the shipped example', () => {
    expect(parseConfigText(contractExample.replace(/ {4}smtp: .*\n/, '    outboxDir: ./outbox\n'), join(dir, 'kotae.config.yaml')).accounts[0]!.outboxDir).toBe(join(dir, 'outbox'));
    const example = join(import.meta.dirname, '../../kotae.config.example.yaml');
    expect(parseConfigText(readFileSync(example, 'utf8'), example).accounts.map((a) => a.id)).toEqual(['jp']);
  });

  it('tells how to fix an account with no way to send', () => {
    expect(() => parseConfigText(contractExample.replace(/ {4}smtp: .*\n/, ''), join(dir, 'kotae.config.yaml'))).toThrow(
      expect.objectContaining({ hint: expect.stringMatching(/Add smtp: .* or outboxDir/) }),
    );
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

  it.each([
    ['once'],
    ['status', '--json'],
    ['cases'],
    ['case', '1'],
    ['drafts'],
    ['approve', '1'],
    ['reject', '1'],
    ['import', join(import.meta.dirname, '../fixtures/amazon/us-buyer-cancel-01.eml')],
    ['quarantine'],
    ['templates', 'preview', 'buyer/fba-return', '--case', '1'],
  ])('without a configuration file, `kotae %s` exits 2 naming where kotae looked and how to start', async (...args) => {
    const io = bufferIo({}, dir);
    expect(await main(args, io)).toBe(2);
    const stderr = io.stderr.join('\n');
    expect(stderr).toContain(`${join(dir, 'kotae.config.yaml')}: not found, and neither --config nor KOTAE_CONFIG names a configuration file`);
    expect(stderr).toMatch(/cp \S*kotae\.config\.example\.yaml kotae\.config\.yaml/);
    expect(io.stdout).toEqual([]);
    // Nothing was created in its place: no store beside the seller's real one.
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('runs classify, guard and templates without a configuration file', async () => {
    writeFileSync(join(dir, 'reply.txt'), 'Thank you for your order. You can return the item from Your Orders.\n');
    expect(await main(['classify', join(import.meta.dirname, '../fixtures/amazon/us-buyer-cancel-01.eml'), '--json'], bufferIo({}, dir))).toBe(0);
    expect(await main(['guard', join(dir, 'reply.txt'), '--json', '--lang', 'en'], bufferIo({}, dir))).toBe(0);
    // Whether every template passes is cli-contract.test.ts's concern; here: it ran, on the shipped ones.
    const check = bufferIo({}, dir);
    expect(await main(['templates', 'check'], check)).not.toBe(2);
    expect(check.stdout.at(-1)).toMatch(/^\n?\d{2,} template\(s\) rendered/);
    expect(await main(['templates', 'preview', 'buyer/fba-return'], bufferIo({}, dir))).toBe(0);
  });

  it('refuses `kotae once` with a configuration that has no account', async () => {
    writeFileSync(join(dir, 'kotae.config.yaml'), 'dataDir: ./data\n');
    const io = bufferIo({}, dir);
    expect(await main(['once'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/kotae\.config\.yaml accounts: no accounts: there is no mailbox to watch[^]*Add an account under accounts:/);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('checks every secret at start-up: a missing one is a configuration error naming its variable', async () => {
    writeFileSync(join(dir, 'kotae.config.yaml'), contractExample);
    const io = bufferIo({ KOTAE_JP_IMAP_PASSWORD_FILE: join(dir, 'missing') }, dir);
    expect(await main(['once'], io)).toBe(2);
    expect(io.stderr.join('\n')).toMatch(/accounts\[jp\]\.imap\.passwordEnv: KOTAE_JP_IMAP_PASSWORD_FILE names .*missing, which cannot be read/);
  });
});
