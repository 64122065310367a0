// The two floors the backfill is measured against, on the same mailbox, each in its own process:
//   fetch:        a bare imapflow FETCH of every message (the transport's limit)
//   fetch-parse:  the same FETCH plus mailparser's simpleParser on one thread (the stack's own floor)
// Usage: node bench/floors.ts fetch|fetch-parse PORT USER PASSWORD
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';

const [mode, port, user, pass] = process.argv.slice(2);
const client = new ImapFlow({ host: '127.0.0.1', port: Number(port), secure: false, auth: { user: user!, pass: pass! }, logger: false, disableAutoIdle: true });
await client.connect();
await client.mailboxOpen('INBOX', { readOnly: true });
const started = process.hrtime.bigint();
let count = 0;
let bytes = 0;
for await (const message of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
  count += 1;
  bytes += message.source!.length;
  if (mode === 'fetch-parse') await simpleParser(message.source!);
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await client.logout();
process.stdout.write(JSON.stringify({ mode, count, bytes, seconds }) + '\n');
