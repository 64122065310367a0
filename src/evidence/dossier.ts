// A case's dossier: everything kotae holds about one case, as evidence a person can read, print and
// check (seed 001: the written record is what protects the seller). `gatherDossier` reads the store;
// `dossierHtml` is pure and writes one self-contained page: inline CSS, no scripts, nothing remote.
import { sha256Hex } from '../shared/ids.ts';
import { formatLocal } from '../shared/time.ts';
import { caseEvents, firstTamperedEvent } from '../store/cases.ts';
import type { Db } from '../store/index.ts';
import type { CaseRow } from '../store/schema.ts';
import { kindName, type Language } from '../understand/kinds.ts';
import { loadSupportFacts, type SupportFacts } from '../understand/support-facts.ts';
import { moneyItemText, partyText } from '../understand/support-facts-text.ts';

export interface DossierEvent {
  id: number;
  at: string;
  type: string;
  actor: string;
  messageId: number | null;
  draftId: number | null;
  summary: string;
  data: unknown;
  hash: string;
}

export interface DossierMessage {
  id: number;
  direction: 'in' | 'out';
  messageId: string;
  date: string | null;
  from: string | null;
  to: string | null;
  subject: string | null;
  /** The body as received (the text part, or the HTML part of an HTML-only mail). */
  text: string;
  /** SHA-256 of the raw mail as first received, and whether the stored bytes still match it. */
  sha256: string;
  rawIntact: boolean | null;
  attachments: { filename: string | null; contentType: string; size: number; sha256: string }[];
}

export interface DossierLetter {
  id: number;
  revision: number;
  audience: 'buyer' | 'amazon';
  subject: string;
  body: string;
  state: string;
}

export interface Dossier {
  caseRow: CaseRow;
  /** The first event whose hash does not match, or null when the timeline is intact. */
  tampered: number | null;
  events: DossierEvent[];
  messages: DossierMessage[];
  letters: DossierLetter[];
  facts: SupportFacts;
}

export async function gatherDossier(db: Db, caseRow: CaseRow): Promise<Dossier> {
  const stored = await caseEvents(db, caseRow.id);
  const messageIds = [...new Set(stored.map((e) => e.message_id).filter((id): id is number => id !== null))];
  const draftIds = [...new Set(stored.map((e) => e.draft_id).filter((id): id is number => id !== null))];
  const rows = messageIds.length ? await db.selectFrom('messages').selectAll().where('id', 'in', messageIds).orderBy('id').execute() : [];
  const attachments = messageIds.length ? await db.selectFrom('attachments').selectAll().where('message_id', 'in', messageIds).orderBy('message_id').orderBy('position').execute() : [];
  const messages: DossierMessage[] = [];
  for (const m of rows) {
    // One raw mail at a time: a case's mail may hold large attachments.
    const raw = await db.selectFrom('message_raw').select('bytes').where('message_id', '=', m.id).executeTakeFirst();
    messages.push({
      id: m.id,
      direction: m.direction,
      messageId: m.message_id,
      date: m.date,
      from: m.from_name ? `${m.from_name} <${m.from_address ?? ''}>` : m.from_address,
      to: addresses(m.to_addresses),
      subject: m.subject,
      text: m.text_body ?? m.html_body ?? '',
      sha256: m.sha256,
      rawIntact: raw ? sha256Hex(Buffer.from(raw.bytes)) === m.sha256 : null,
      attachments: attachments.filter((a) => a.message_id === m.id).map((a) => ({ filename: a.filename, contentType: a.content_type, size: a.size, sha256: a.sha256 })),
    });
  }
  const letters = draftIds.length
    ? (await db.selectFrom('drafts').select(['id', 'revision', 'audience', 'subject', 'body', 'state']).where('id', 'in', draftIds).orderBy('id').execute()).map((d) => ({ ...d }))
    : [];
  return {
    caseRow,
    tampered: firstTamperedEvent(stored),
    events: stored.map((e) => ({ id: e.id, at: e.at, type: e.type, actor: e.actor, messageId: e.message_id, draftId: e.draft_id, summary: e.summary, data: e.data_json ? JSON.parse(e.data_json) : null, hash: e.hash })),
    messages,
    letters,
    facts: await loadSupportFacts(db, caseRow.id),
  };
}

/** The stored recipients (JSON of {address, name}, or plain text) as a person writes them. */
function addresses(stored: string | null): string | null {
  if (stored === null) return null;
  try {
    const list = JSON.parse(stored) as ({ address?: string; name?: string } | string)[];
    return list.map((a) => (typeof a === 'string' ? a : a.name ? `${a.name} <${a.address ?? ''}>` : (a.address ?? ''))).join(', ');
  } catch {
    return stored;
  }
}

const esc = (text: string | number | null | undefined): string =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
*{box-sizing:border-box}
body{font-family:"Hiragino Kaku Gothic ProN","Hiragino Sans",Meiryo,"Noto Sans JP",system-ui,sans-serif;font-size:14px;line-height:1.6;color:#111;margin:0 auto;max-width:60rem;padding:2rem 1.5rem}
h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.15rem;border-bottom:2px solid #333;padding-bottom:.2rem;margin:2rem 0 .75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f1f1f1;font-weight:600;white-space:nowrap}
.meta td:first-child{width:12rem;font-weight:600;background:#f7f7f7}
.ok{color:#0a6b2d;font-weight:700}.bad{color:#b00020;font-weight:700}
.event{border:1px solid #ccc;border-left:4px solid #888;padding:.5rem .75rem;margin:.75rem 0;break-inside:avoid-page}
.event.amazon{border-left-color:#e68a00}.event.seller,.event.approver{border-left-color:#1f5fbf}.event.buyer{border-left-color:#7a3fb0}
.event header{display:flex;flex-wrap:wrap;gap:.25rem 1rem;font-weight:600}
.hash,.sha{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11px;color:#555;word-break:break-all}
pre{white-space:pre-wrap;word-break:break-word;font-family:inherit;background:#fafafa;border:1px solid #e2e2e2;padding:.5rem;margin:.5rem 0}
blockquote{margin:.25rem 0 .25rem 1rem;padding-left:.75rem;border-left:3px solid #ccc}
.small{font-size:12px;color:#444}
@media print{body{max-width:none;padding:0;font-size:11pt}h2{break-after:avoid}.event{break-inside:avoid}a{color:inherit;text-decoration:none}}
@page{margin:15mm}
`;

interface Words {
  title: string; case: string; account: string; marketplace: string; status: string; opened: string; exported: string; chain: string;
  intact: (n: number) => string; altered: (id: number) => string; fault: string; disputed: string; notDisputed: string; evidence: string;
  noEvidence: string; money: string; noMoney: string; amount: string; events: string; notes: string; noNotes: string; channel: Record<string, string>;
  timeline: string; from: string; to: string; date: string; subject: string; messageId: string; rawSha: string; rawOk: string; rawBad: string;
  rawMissing: string; attachments: string; letter: string; how: string; event: string; actor: Record<string, string>; size: string; file: string; type: string;
  statuses: Record<string, string>; types: Record<string, string>;
}

const WORDS: Record<Language, Words> = {
  ja: {
    title: 'ケース記録', case: 'ケース', account: 'アカウント', marketplace: 'マーケットプレイス', status: '状態', opened: '開始', exported: '出力日時', chain: '記録の改ざん検査',
    intact: (n) => `改ざんなし（${n} 件のイベントのハッシュチェーンが一致）`, altered: (id) => `イベント #${id} 以降が記録時から変更されています`,
    fault: '責任の所在', disputed: '争いあり（Amazonの回答が食い違う、または出品者が異議あり）', notDisputed: '争いなし', evidence: '根拠（Amazonの回答の原文）',
    noEvidence: 'Amazonの回答に責任の所在を示す文はまだありません。', money: '金額', noMoney: '記録された金額はありません。', amount: '金額・内容・状態', events: 'イベント',
    notes: 'メモ', noNotes: 'メモはありません。', channel: { phone: '電話', chat: 'チャット', other: 'その他' }, timeline: '経緯（記録のとおり）',
    from: '差出人', to: '宛先', date: '日付', subject: '件名', messageId: 'Message-ID', rawSha: '受信時のメールの SHA-256', rawOk: '保存されたメールと一致',
    rawBad: '保存されたメールと一致しません', rawMissing: '元のメールは保存されていません', attachments: '添付ファイル', letter: '文面', event: 'イベント',
    how: 'このページは kotae の記録から出力しました。各イベントのハッシュは、一つ前のハッシュと、そのイベントの内容（ケース番号、日時、種類、主体、メッセージ、返信案、要約、データ）を JSON にしたものを改行でつないだ文字列の SHA-256 です。記録が変更されていないことは `kotae verify` で確認できます。',
    actor: { amazon: 'Amazon', seller: '出品者', approver: '承認者', buyer: '購入者', kotae: 'kotae' }, size: 'サイズ', file: 'ファイル名', type: '種類',
    statuses: { open: '対応中', awaiting_seller: '出品者の対応待ち', awaiting_amazon: 'Amazonの回答待ち', awaiting_buyer: '購入者の返信待ち', resolved: '解決済み' },
    types: {
      message_in: '受信', message_out: '送信', seller_replied_elsewhere: 'セラーセントラルから返信', draft: '返信案', approval_requested: '承認の依頼', approved: '承認',
      rejected: '却下', edited: '修正', blocked: '送信停止', sent: '送信・投稿', send_failed: '送信失敗', reminder: 'リマインダー', status: '状態の変更', note: 'メモ・記録',
    },
  },
  en: {
    title: 'Case record', case: 'Case', account: 'Account', marketplace: 'Marketplace', status: 'Status', opened: 'Opened', exported: 'Exported', chain: 'Tamper check',
    intact: (n) => `Intact (the hash chain of ${n} events matches)`, altered: (id) => `Event #${id} and later were changed after they were recorded`,
    fault: 'Fault', disputed: "Disputed (Amazon's answers disagree, or the seller disputes them)", notDisputed: 'Not disputed', evidence: "Evidence (Amazon's words as written)",
    noEvidence: "No sentence in Amazon's answers places the fault yet.", money: 'Money', noMoney: 'No amounts recorded.', amount: 'Amount, what for, state', events: 'Events',
    notes: 'Notes', noNotes: 'No notes.', channel: { phone: 'phone', chat: 'chat', other: 'other' }, timeline: 'Timeline (as recorded)',
    from: 'From', to: 'To', date: 'Date', subject: 'Subject', messageId: 'Message-ID', rawSha: 'SHA-256 of the mail as received', rawOk: 'matches the stored mail',
    rawBad: 'does NOT match the stored mail', rawMissing: 'the original mail is not stored', attachments: 'Attachments', letter: 'Text', event: 'Event',
    how: "Exported from kotae's records. Each event's hash is the SHA-256 of the previous hash, a line break, and the event (case number, time, type, actor, message, draft, summary, data) as JSON. `kotae verify` checks that nothing was changed.",
    actor: { amazon: 'Amazon', seller: 'seller', approver: 'approver', buyer: 'buyer', kotae: 'kotae' }, size: 'Size', file: 'File', type: 'Type',
    statuses: { open: 'open', awaiting_seller: 'waiting for the seller', awaiting_amazon: 'waiting for Amazon', awaiting_buyer: 'waiting for the buyer', resolved: 'resolved' },
    types: {
      message_in: 'received', message_out: 'sent mail', seller_replied_elsewhere: 'answered in Seller Central', draft: 'draft', approval_requested: 'approval asked', approved: 'approved',
      rejected: 'rejected', edited: 'edited', blocked: 'stopped', sent: 'sent or posted', send_failed: 'sending failed', reminder: 'reminder', status: 'status', note: 'note',
    },
  },
};

export function dossierHtml(d: Dossier, language: Language, timezone: string, now: Date): string {
  const w = WORDS[language];
  const c = d.caseRow;
  const when = (iso: string | null) => (iso ? formatLocal(iso, timezone) : '-');
  const ref = c.support_case_id ? (language === 'ja' ? `テクニカルサポート ケースID ${c.support_case_id}` : `Seller Support case ${c.support_case_id}`) : c.order_id ? (language === 'ja' ? `注文 ${c.order_id}` : `order ${c.order_id}`) : `${w.case} #${c.id}`;
  const out: string[] = [];
  out.push(`<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(`${w.title}: ${ref}`)}</title><style>${CSS}</style></head><body>`);
  out.push(`<h1>${esc(w.title)}: ${esc(ref)}</h1>`);
  out.push(`<table class="meta">`);
  const row = (k: string, v: string) => out.push(`<tr><td>${esc(k)}</td><td>${v}</td></tr>`);
  row(`kotae ${w.case}`, `#${c.id}`);
  row(w.account, esc(c.account_id));
  row(w.marketplace, esc(c.marketplace ?? '-'));
  row(w.status, esc(w.statuses[c.status] ?? c.status));
  row(w.opened, esc(when(c.opened_at)));
  row(w.exported, esc(when(now.toISOString())));
  row(w.chain, d.tampered === null ? `<span class="ok">${esc(w.intact(d.events.length))}</span>` : `<span class="bad">${esc(w.altered(d.tampered))}</span>`);
  out.push('</table>');

  const at = new Map(d.events.map((e) => [e.id, e.at]));
  if (c.kind === 'support') {
    const f = d.facts.fault;
    out.push(`<h2>${esc(w.fault)}</h2>`, `<p><strong>${esc(partyText(f.party, language))}</strong> — ${esc(f.disputed ? w.disputed : w.notDisputed)}</p>`);
    out.push(`<h3>${esc(w.evidence)}</h3>`);
    if (f.evidence.length === 0) out.push(`<p>${esc(w.noEvidence)}</p>`);
    for (const e of f.evidence) out.push(`<blockquote>${esc(e.quote)}<div class="small">${esc(partyText(e.party, language))} · ${esc(w.event)} #${e.eventId} · ${esc(when(at.get(e.eventId) ?? null))}</div></blockquote>`);
    out.push(`<h2>${esc(w.money)}</h2>`);
    if (d.facts.money.length === 0) out.push(`<p>${esc(w.noMoney)}</p>`);
    else {
      out.push(`<table><tr><th>${esc(w.amount)}</th><th>${esc(w.events)}</th></tr>`);
      for (const m of d.facts.money) out.push(`<tr><td>${esc(moneyItemText(m, language))}</td><td>${m.eventIds.map((id) => `#${id}`).join(', ')}</td></tr>`);
      out.push('</table>');
    }
  }
  out.push(`<h2>${esc(w.notes)}</h2>`);
  if (d.facts.notes.length === 0) out.push(`<p>${esc(w.noNotes)}</p>`);
  for (const n of d.facts.notes) out.push(`<div class="event seller"><header><span>${esc(when(n.at))}</span><span>${esc(w.channel[n.channel] ?? n.channel)}</span><span>${esc(w.event)} #${n.eventId}</span></header><pre>${esc(n.text)}</pre></div>`);

  out.push(`<h2>${esc(w.timeline)}</h2>`);
  const messages = new Map(d.messages.map((m) => [m.id, m]));
  const letters = new Map(d.letters.map((l) => [l.id, l]));
  const shownMessages = new Set<number>();
  const shownLetters = new Set<number>();
  for (const e of d.events) {
    out.push(`<section class="event ${esc(e.actor)}"><header><span>${esc(w.event)} #${e.id}</span><span>${esc(when(e.at))}</span><span>${esc(w.actor[e.actor] ?? e.actor)}</span><span>${esc(w.types[e.type] ?? e.type)}</span></header>`);
    out.push(`<div>${esc(shownSummary(e.summary, language))}</div>`);
    const m = e.messageId === null ? undefined : messages.get(e.messageId);
    // A message or a letter appears in full the first time an event names it.
    if (m && !shownMessages.has(m.id)) {
      shownMessages.add(m.id);
      out.push(`<table class="meta"><tr><td>${esc(w.from)}</td><td>${esc(m.from)}</td></tr><tr><td>${esc(w.to)}</td><td>${esc(m.to)}</td></tr><tr><td>${esc(w.date)}</td><td>${esc(m.date ? when(m.date) : '-')}</td></tr><tr><td>${esc(w.subject)}</td><td>${esc(m.subject)}</td></tr><tr><td>${esc(w.messageId)}</td><td class="sha">${esc(m.messageId)}</td></tr><tr><td>${esc(w.rawSha)}</td><td><span class="sha">${esc(m.sha256)}</span> ${m.rawIntact === null ? esc(w.rawMissing) : m.rawIntact ? `<span class="ok">${esc(w.rawOk)}</span>` : `<span class="bad">${esc(w.rawBad)}</span>`}</td></tr></table>`);
      out.push(`<pre>${esc(m.text)}</pre>`);
      if (m.attachments.length) {
        out.push(`<div><strong>${esc(w.attachments)}</strong></div><table><tr><th>${esc(w.file)}</th><th>${esc(w.type)}</th><th>${esc(w.size)}</th><th>SHA-256</th></tr>`);
        for (const a of m.attachments) out.push(`<tr><td>${esc(a.filename ?? '-')}</td><td>${esc(a.contentType)}</td><td>${a.size.toLocaleString('en-US')} B</td><td class="sha">${esc(a.sha256)}</td></tr>`);
        out.push('</table>');
      }
    }
    const l = e.draftId === null ? undefined : letters.get(e.draftId);
    if (l && !shownLetters.has(l.id) && (e.type === 'sent' || e.type === 'approved' || e.type === 'draft')) {
      shownLetters.add(l.id);
      out.push(`<div class="small">${esc(w.letter)} (#${l.id}, rev. ${l.revision}): ${esc(l.subject)}</div><pre>${esc(l.body)}</pre>`);
    }
    out.push(`<div class="hash">${esc(e.type)} · SHA-256 ${esc(e.hash)}</div></section>`);
  }
  out.push(`<p class="small">${esc(w.how)}</p>`);
  out.push('</body></html>');
  return `${out.join('\n')}\n`;
}

/** A stored summary opens with the mail's kind as the JSON names it ("support_case: …"): shown in the seller's words. */
function shownSummary(summary: string, language: Language): string {
  const m = /^([a-z_]+): /.exec(summary);
  const name = m ? kindName(m[1]!, language) : undefined;
  return name === undefined ? summary : `${name}: ${summary.slice(m![0].length)}`;
}

