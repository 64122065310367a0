// Batches of mail cut by count and by bytes: a mailbox of large attachments is fetched, stored and
// analysed a few messages at a time, so memory stays flat whatever the mail.

/** Most bytes of raw mail in one batch, fetched or analysed (a message larger than this is a batch alone). */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;

/** Items in order → batches of at most `maxCount` items and `maxBytes` bytes; an item larger than `maxBytes` goes alone. */
export function cutBatches<T>(items: readonly T[], size: (item: T) => number, maxCount: number, maxBytes: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const itemBytes = size(item);
    if (current.length > 0 && (current.length >= maxCount || bytes + itemBytes > maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += itemBytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
