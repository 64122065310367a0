// Attachments: only documents a buyer needs (instructions, invoices, warranties) in safe formats, and
// within the relay's size limit. Both the declared type and the file name's extension must be allowed,
// so an executable labelled application/pdf is still refused.

export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  readonly size: number;
}

export interface AttachmentRules {
  readonly allowedTypes: ReadonlySet<string>;
  readonly allowedExtensions: ReadonlySet<string>;
  readonly maxBytes: number;
}

export interface AttachmentProblem {
  readonly rule: 'attachment-type' | 'attachment-size';
  readonly excerpt: string;
}

export function checkAttachments(attachments: readonly Attachment[], rules: AttachmentRules): AttachmentProblem[] {
  const problems: AttachmentProblem[] = [];
  for (const a of attachments) {
    const type = a.contentType.split(';')[0]!.trim().toLowerCase();
    const dot = a.filename.lastIndexOf('.');
    const extension = dot < 0 ? '' : a.filename.slice(dot + 1).toLowerCase();
    if (!rules.allowedTypes.has(type) || !rules.allowedExtensions.has(extension)) {
      problems.push({ rule: 'attachment-type', excerpt: a.filename });
    }
    if (a.size > rules.maxBytes) problems.push({ rule: 'attachment-size', excerpt: a.filename });
  }
  const total = attachments.reduce((sum, a) => sum + a.size, 0);
  // The limit is per message: several attachments that fit one by one can still be too much together.
  if (total > rules.maxBytes && !attachments.some((a) => a.size > rules.maxBytes)) {
    problems.push({ rule: 'attachment-size', excerpt: attachments.map((a) => a.filename).join(', ') });
  }
  return problems;
}
