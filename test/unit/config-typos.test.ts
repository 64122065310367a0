// A misspelt configuration key gets "did you mean", with the file, line and full path of the key.
import { describe, expect, it } from 'vitest';
import { editDistance, knownKeys, parseConfigText } from '../../src/config/load.ts';
import { ConfigError } from '../../src/shared/errors.ts';

function problem(yaml: string): ConfigError {
  try {
    parseConfigText(yaml, '/srv/kotae.config.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('the configuration was accepted');
}

const account = (imap: string) => `accounts:\n  - id: jp\n    marketplace: JP\n    address: shop@example.com\n    approvers: [owner@example.com]\n    outboxDir: ./out\n    imap: { ${imap} }\n`;

describe('unknown configuration keys', () => {
  it('suggests the closest key at the top level, with file, line and key', () => {
    const err = problem('dataDir: ./data\ntimezon: Asia/Tokyo\n');
    expect(err.message).toBe('/srv/kotae.config.yaml:2 timezon: unknown key "timezon"; did you mean "timezone"?');
  });

  it('suggests inside an account, before the required key the typo left missing', () => {
    const err = problem(account('hots: 127.0.0.1, user: shop@example.com, passwordEnv: PW'));
    expect(err.message.split('\n')[0]).toBe('/srv/kotae.config.yaml:7 accounts[0].imap.hots: unknown key "hots"; did you mean "host"?');
    expect(err.message).toContain('accounts[0].imap.host: is required');
  });

  it('lists the known keys when nothing is close', () => {
    const err = problem('sync: { zzzzzzzz: 1 }\n');
    expect(err.message).toBe('/srv/kotae.config.yaml:1 sync.zzzzzzzz: unknown key "zzzzzzzz" (known here: batchSize, replyWindowHours, historyDays)');
  });

  it('knows the keys of nested mappings through defaults and optionals', () => {
    expect(knownKeys(['accounts', 0, 'smtp'])).toContain('passwordEnv');
    expect(knownKeys(['reminders'])).toContain('hoursBeforeDeadline');
    expect(knownKeys(['nothing', 'here'])).toEqual([]);
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('hsot', 'host')).toBe(1);
    expect(editDistance('passwrdEnv', 'passwordEnv')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });
});
