// Identifiers kotae generates: Message-IDs it can recognise later, and unguessable tokens.
import { hash, randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lowercase base32 of `bytes` random bytes (16 bytes → 26 characters, 128 bits; the rest padding-free). */
export function randomBase32(length: number): string {
  const bytes = randomBytes(Math.ceil((length * 5) / 8));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

export function sha256Hex(data: Buffer | string): string {
  // The one-shot form: a Hash object costs more than hashing a short input (kotae hashes a few per message).
  return hash('sha256', data, 'hex');
}

/** The domain part of an address, lowercased ('' when there is none). */
export function domainOf(address: string | null | undefined): string {
  const at = (address ?? '').lastIndexOf('@');
  return at < 0 ? '' : address!.slice(at + 1).toLowerCase();
}

/**
 * A Message-ID for mail kotae composes: `<kotae.<purpose>.<ref>.<random>@domain>`. The `kotae.` prefix
 * lets threading recognise replies to kotae's own mail even when a client drops In-Reply-To.
 */
export function kotaeMessageId(purpose: string, ref: string | number, fromAddress: string): string {
  return `<kotae.${purpose}.${ref}.${randomBase32(10)}@${domainOf(fromAddress) || 'kotae.invalid'}>`;
}

export const KOTAE_MESSAGE_ID = /<kotae\.([a-z-]+)\.([\w.-]+)\.[a-z2-7]+@[^>]+>/i;
