// `kotae note CASE TEXT [--channel phone|chat|other]`: a note on a case's timeline, kept like every
// other event (hash-chained): what テクニカルサポート said on the phone, a call a buyer claims that
// never came (seed 001).
import { userInfo } from 'node:os';
import { UsageError } from '../../shared/errors.ts';
import { recordForSeller } from '../../store/seller-records.ts';
import { parseChannel } from '../../understand/seller-lines.ts';
import { configOption, type Command } from '../command.ts';
import { readConfig, withRuntime } from '../runtime.ts';
import { requireCase } from './case.ts';

export const command: Command = {
  usage: 'note CASE TEXT [--channel phone|chat|other] [--config PATH]   (CASE: case number, order ID or Seller Support case ID)',
  summary: "Add a note to a case's timeline (a phone call with Seller Support, a chat, anything to remember). Quote TEXT; - reads it from standard input.",
  options: { ...configOption, channel: { type: 'string' } },
  async run({ positionals, values, io }) {
    const [id, ...words] = positionals;
    if (id === undefined || words.length === 0) throw new UsageError('note needs a case and the text of the note', { hint: 'Usage: kotae note 12 "テクサポと電話。システムの不具合と認めた" --channel phone' });
    let channel: 'phone' | 'chat' | 'other' = 'other';
    if (values.channel !== undefined) {
      const parsed = parseChannel(values.channel as string);
      if (!parsed.ok) throw new UsageError(`--channel ${values.channel as string}: not understood`, { hint: 'Use --channel phone, chat or other.' });
      channel = parsed.value;
    }
    const text = (words.length === 1 && words[0] === '-' ? (await io.readStdin()).toString('utf8') : words.join(' ')).replace(/\r\n?/g, '\n').trim();
    if (text === '') throw new UsageError('the note is empty', { hint: 'Write the note after the case: kotae note 12 "…".' });
    const config = readConfig(values, io, 'file');
    return withRuntime(
      config,
      io,
      async (rt) => {
        const found = await requireCase(rt.db, id);
        const eventId = await rt.db.transaction().execute((trx) => recordForSeller(trx, found.id, { note: { channel, text } }, { at: rt.clock.now().toISOString(), by: `terminal:${userInfo().username}`, messageId: null }));
        io.out(`Note added to case #${found.id} (event ${eventId}).`);
        return 0;
      },
      { role: 'note' },
    );
  },
};
