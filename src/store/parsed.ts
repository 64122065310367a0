// Writing what parsing found back onto the stored message (fields and attachments). Idempotent:
// a retried message replaces what an earlier try wrote.
import type { ParsedMail } from '../ingest/parse.ts';
import type { Db } from './index.ts';

export async function saveParsed(db: Db, messageId: number, parsed: ParsedMail): Promise<void> {
  const list = (a: { address: string; name: string }[]) => (a.length ? JSON.stringify(a) : null);
  await db
    .updateTable('messages')
    .set({
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
      html_body: parsed.html,
      headers_json: JSON.stringify(parsed.headers),
    })
    .where('id', '=', messageId)
    .execute();
  await db.deleteFrom('attachments').where('message_id', '=', messageId).execute();
  for (const [position, a] of parsed.attachments.entries()) {
    await db
      .insertInto('attachments')
      .values({
        message_id: messageId,
        position,
        filename: a.filename,
        content_type: a.contentType,
        disposition: a.disposition,
        content_id: a.contentId,
        size: a.size,
        sha256: a.sha256,
        content: a.content,
      })
      .execute();
  }
}
