// What parsing found, as the message's columns, and its attachments. Attachments of an earlier,
// failed try are replaced.
import type { ParsedMail } from '../ingest/parse.ts';
import type { Db } from './index.ts';
import type { MessageUpdate } from './schema.ts';

export function parsedColumns(parsed: ParsedMail): MessageUpdate {
  const list = (a: { address: string; name: string }[]) => (a.length ? JSON.stringify(a) : null);
  return {
    date: parsed.date?.toISOString() ?? null,
    subject: parsed.subject,
    from_address: parsed.from?.address ?? null,
    from_name: parsed.from?.name || null,
    to_addresses: list(parsed.to),
    cc_addresses: list(parsed.cc),
    reply_to: list(parsed.replyTo),
    in_reply_to: parsed.inReplyTo,
    references_ids: parsed.references.length ? JSON.stringify(parsed.references) : null,
    text_body: parsed.text,
    // The HTML is kept when it is the message's only text; otherwise the raw message holds it.
    html_body: parsed.htmlOnly ? parsed.html : null,
    headers_json: JSON.stringify(parsed.headers),
  };
}

export async function saveAttachments(db: Db, messageId: number, parsed: ParsedMail, replace: boolean): Promise<void> {
  if (replace) await db.deleteFrom('attachments').where('message_id', '=', messageId).execute();
  if (parsed.attachments.length === 0) return;
  await db
    .insertInto('attachments')
    .values(
      parsed.attachments.map((a, position) => ({
        message_id: messageId,
        position,
        filename: a.filename,
        content_type: a.contentType,
        disposition: a.disposition,
        content_id: a.contentId,
        size: a.size,
        sha256: a.sha256,
      })),
    )
    .execute();
}
