import { describe, expect, it } from 'vitest';
import { indexOfBytes } from '../../src/io/vasprun-scan.js';
import { uniformSource } from '../fuzz/rng.js';

describe('indexOfBytes', () => {
  it('finds what Buffer.indexOf finds, whichever byte of the pattern it looks for', () => {
    const rand = uniformSource(29);
    const patterns = ['</total>', '</r>', '</i>', '<r>', '</eigenvalues>', '</separator>', '-->', 'l', '</ll>'].map((p) => Buffer.from(p, 'latin1'));
    // haystacks of table rows cut with pieces of the patterns, so that near matches abound
    const pieces = ['<r>  -0.1874  0.3793 </r>\n', '</tota', 'l>', '</', 'total>', '<', '/', 'l', '</ll', '-', '->', '</eigenvalues', '>', ' '];
    for (let i = 0; i < 20_000; i++) {
      const hay = Buffer.from(Array.from({ length: Math.floor(rand() * 12) }, () => pieces[Math.floor(rand() * pieces.length)]).join(''), 'latin1');
      const u = new Uint8Array(hay.buffer, hay.byteOffset, hay.length);
      const from = Math.floor(rand() * (hay.length + 1));
      for (const pat of patterns) expect(indexOfBytes(u, pat, from)).toBe(hay.indexOf(pat, from));
    }
  });
});
