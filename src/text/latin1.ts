/**
 * Text ↔ bytes one to one (latin1): VASP writes ASCII, and latin1 never fails on a stray byte, so byte offsets and
 * character offsets stay the same.
 */

const decoder = new TextDecoder('latin1');

/** Bytes of a string whose characters are all below 256 (higher ones keep their low byte). */
export function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** The text of b[start, end). */
export function latin1Text(b: Uint8Array, start = 0, end = b.length): string {
  return decoder.decode(b.subarray(start, end));
}
