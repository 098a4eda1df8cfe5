/**
 * What a file's first bytes say it is: plain text, one of the compressed formats vpost decodes (gzip, bzip2, xz,
 * zstd), or an archive / binary format that is not a VASP file at all (tar, zip, 7z, HDF5…), named in the message.
 * Pure: bytes in, a verdict out.
 */

export type InputFormat = 'plain' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

const startsWith = (b: Uint8Array, magic: readonly number[], at = 0): boolean => magic.every((m, i) => b[at + i] === m);

/** The compression of a file from its first bytes; 'plain' when none is recognised. */
export function formatFromMagic(head: Uint8Array): InputFormat {
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip';
  // 'BZh' and the block size digit 1–9
  if (startsWith(head, [0x42, 0x5a, 0x68]) && head[3] >= 0x31 && head[3] <= 0x39) return 'bzip2';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd';
  return 'plain';
}

/** Formats recognised only to be named: none of them holds a VASP text file directly. */
const OTHER: readonly [readonly number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'zip archive'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7-Zip archive'],
  [[0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'RAR archive'],
  [[0x04, 0x22, 0x4d, 0x18], 'LZ4 frame (not supported: decompress it with lz4 -d)'],
  [[0x5d, 0x00, 0x00], 'legacy .lzma stream (not supported: recompress it with xz)'],
  [[0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a], 'HDF5 file (vaspout.h5?), not a text output'],
];

/**
 * Why decompressed bytes cannot be a VASP text file, or undefined when they may be: a tar archive (with the name of
 * its first member), another archive or binary format, or binary data (NUL bytes, which VASP never writes).
 */
export function archiveOrBinary(head: Uint8Array): string | undefined {
  if (startsWith(head, [0x75, 0x73, 0x74, 0x61, 0x72], 257)) {
    let name = '';
    for (let i = 0; i < 100 && head[i] !== 0; i++) name += String.fromCharCode(head[i]);
    const printable = name.replace(/[^\x20-\x7e]/g, '?').slice(0, 60);
    return `tar archive (first member '${printable}'), not a VASP file: extract it first (tar -xf)`;
  }
  for (const [magic, what] of OTHER) if (startsWith(head, magic)) return what;
  if (head.includes(0)) return 'binary data (NUL bytes), not a VASP text file, and not gzip, bzip2, xz or zstd either';
  return undefined;
}
