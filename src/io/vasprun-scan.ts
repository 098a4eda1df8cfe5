/**
 * Byte-level splitter for vasprun.xml: finds the children of <modeling> and of each <calculation> by scanning
 * bytes for tags, so a 1 GB file never becomes one string. Each child ("section") is either kept (handed over as
 * text, to be parsed on its own), skipped without being copied, or descended into. Containers are <modeling> and <calculation>; everything else is a section.
 * DOCTYPE / ENTITY declarations are refused (no entity expansion from the file).
 */
import { ParseError } from '../core/errors.js';
import { latin1Bytes } from '../text/latin1.js';

/**
 * What to do with a section: hand over its text, drop it, or treat it as a container and decide for each of its
 * children ('descend', e.g. <dos>: keep efermi, skip the partial DOS).
 */
export type SectionAction = 'keep' | 'skip' | 'descend';

export interface XmlSection {
  readonly name: string;
  /** 1 = child of <modeling>, 2 = child of <calculation>. */
  readonly depth: number;
  /** The whole element's bytes when kept (valid during the handler call only: copy to keep); empty when skipped. */
  readonly bytes: Uint8Array;
  /** Byte offsets of '<' of the open tag and one past '>' of the close tag. */
  readonly start: number;
  readonly end: number;
}

export interface ScanHandler {
  action(name: string, depth: number): SectionAction;
  /**
   * A chance to read (or pass) a section of a <calculation> (depth 2) or of a container in it (depth 3) straight from
   * the buffer, `b[lt]` being its '<': returns the index one past its close tag when it did, or -1 to have it cut out
   * (or skipped) as usual.
   */
  quick?(name: string, depth: number, b: Uint8Array, lt: number): number;
  section(s: XmlSection): void;
  open(name: string, depth: number, start: number): void;
  close(name: string, depth: number, end: number): void;
}

/** Where an unfinished file stopped: the open containers and the section being read. */
export interface ScanBreak {
  readonly offset: number;
  readonly open: readonly { name: string; start: number }[];
  readonly section?: { name: string; start: number };
}

const LT = 0x3c;
const GT = 0x3e;
const decoder = new TextDecoder('latin1');

/**
 * Bytes every stretch of vasprun.xml data is full of: numbers, blanks, and the rows' own tags (<v>, <r>, <i name="…">).
 * A memchr for one of them stops at every row of a table.
 */
const COMMON = new Uint8Array(256);
for (const c of latin1Bytes(' \t\n\r0123456789.+-eE<>/="rvinam')) COMMON[c] = 1;

/** The last byte of `pat` that is not COMMON, or -1: the byte a search for `pat` looks for. */
function rareIndex(pat: Uint8Array): number {
  for (let k = pat.length - 1; k >= 0; k--) if (!COMMON[pat[k]]) return k;
  return -1;
}

/** First index of `pat` in `hay` at or after `from`, or -1 (memchr on one byte, then compare). */
export function indexOfBytes(hay: Uint8Array, pat: Uint8Array, from: number): number {
  // memchr on a byte the data around rarely holds ('l' of '</total>'): a table of numbers is passed at memchr's pace
  const k = rareIndex(pat);
  if (k >= 0) {
    const last = hay.length - pat.length;
    for (let j = hay.indexOf(pat[k], from + k); j !== -1; j = hay.indexOf(pat[k], j + 1)) {
      const i = j - k;
      if (i > last) return -1;
      let m = 0;
      while (m < pat.length && hay[i + m] === pat[m]) m++;
      if (m === pat.length) return i;
    }
    return -1;
  }
  // close tags of common bytes only ('</r>'): memchr for '/', rarer than '<' (every VASP line has two '<' but one '/')
  if (pat.length > 2 && pat[0] === LT && pat[1] === 0x2f) {
    const last = hay.length - pat.length + 1;
    for (let j = hay.indexOf(0x2f, from + 1); j !== -1 && j <= last; j = hay.indexOf(0x2f, j + 1)) {
      if (hay[j - 1] !== LT) continue;
      let k = 2;
      while (k < pat.length && hay[j - 1 + k] === pat[k]) k++;
      if (k === pat.length) return j - 1;
    }
    return -1;
  }
  const first = pat[0];
  const last = hay.length - pat.length;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    let k = 1;
    while (k < pat.length && hay[i + k] === pat[k]) k++;
    if (k === pat.length) return i;
  }
  return -1;
}

interface Leaf {
  name: string;
  start: number;
  action: SectionAction;
  close: Uint8Array;
  parts: Uint8Array[];
}

export class VasprunScanner {
  private buf: Uint8Array = new Uint8Array(0);
  private work: Uint8Array = new Uint8Array(0);
  /** Absolute offset of buf[0]. */
  private base = 0;
  private readonly stack: { name: string; start: number }[] = [];
  private leaf: Leaf | undefined;
  private sawRoot = false;

  constructor(
    private readonly source: string,
    private readonly handler: ScanHandler,
  ) {}

  push(chunk: Uint8Array): void {
    // a plain Uint8Array view of a Buffer chunk: the byte readers then see one kind of array only (a Buffer's other
    // map makes each of them deoptimize and compile again while the file is being read)
    if (Object.getPrototypeOf(chunk) !== Uint8Array.prototype) chunk = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.buf = this.append(chunk);
    let pos = 0;
    while (pos < this.buf.length) {
      const next = this.leaf ? this.continueLeaf(pos) : this.nextTag(pos);
      if (next < 0) break;
      pos = next;
    }
    if (!this.leaf) {
      // keep only the unfinished tag (if any) for the next chunk
      const lt = this.buf.lastIndexOf(LT);
      const keepFrom = lt >= pos ? lt : this.buf.length;
      this.drop(keepFrom);
    }
    this.own();
  }

  /**
   * The unread bytes moved into the work buffer when they are still a view of the caller's chunk: push() keeps no
   * view of a chunk once it returns, so a reader may hand every chunk in the same buffer.
   */
  private own(): void {
    const n = this.buf.length;
    if (n === 0 || this.buf.buffer === this.work.buffer) return;
    if (this.work.length < n) this.work = new Uint8Array(Math.max(n, 2 * this.work.length));
    this.work.set(this.buf);
    this.buf = this.work.subarray(0, n);
  }

  /** Call after the last chunk; returns where the file broke off, or undefined when it ended cleanly. */
  end(): ScanBreak | undefined {
    if (!this.sawRoot) throw new ParseError(this.source, undefined, 'no <modeling> root element: not a vasprun.xml (empty or not XML)');
    if (!this.leaf && this.stack.length === 0) return undefined;
    return {
      offset: this.base + this.buf.length,
      open: [...this.stack],
      section: this.leaf ? { name: this.leaf.name, start: this.leaf.start } : undefined,
    };
  }

  /**
   * The unread bytes followed by `chunk`, in a reused work buffer: a fresh 1 MB allocation per chunk costs more
   * (page faults, GC) than the scan itself. Nothing keeps a view of the old contents past push().
   */
  private append(chunk: Uint8Array): Uint8Array {
    const left = this.buf.length;
    if (left === 0) return chunk;
    const need = left + chunk.length;
    if (this.work.length < need) {
      const w = new Uint8Array(Math.max(need, 2 * this.work.length));
      w.set(this.buf);
      this.work = w;
    } else if (this.buf.buffer === this.work.buffer) {
      const from = this.buf.byteOffset - this.work.byteOffset;
      this.work.copyWithin(0, from, from + left);
    } else this.work.set(this.buf);
    this.work.set(chunk, left);
    return this.work.subarray(0, need);
  }

  private drop(upTo: number): void {
    this.base += upTo;
    this.buf = this.buf.subarray(upTo);
  }

  /** Between sections: read the next tag at or after `pos`; returns the next position or -1 to wait for data. */
  private nextTag(pos: number): number {
    const lt = this.buf.indexOf(LT, pos);
    if (lt < 0) return -1;
    const gt = this.buf.indexOf(GT, lt);
    if (gt < 0) return -1;
    const second = this.buf[lt + 1];
    if (this.stack.length >= 2 && this.handler.quick) {
      const end = this.handler.quick(knownName(this.buf, lt + 1), this.stack.length, this.buf, lt);
      if (end > 0) return end;
    }
    if (second === 0x3f /* ? */) return gt + 1;
    if (second === 0x21 /* ! */) return this.declaration(lt, gt);
    const tag = decoder.decode(this.buf.subarray(lt, gt + 1));
    if (second === 0x2f /* / */) return this.closeContainer(tag, lt, gt);
    const name = /^<([A-Za-z_][\w.:-]*)/.exec(tag)?.[1];
    if (!name) throw this.error(lt, `malformed tag '${tag.slice(0, 40)}'`);
    const depth = this.stack.length;
    if (depth === 0) {
      if (name !== 'modeling') throw this.error(lt, `root element is <${name}>, expected <modeling>: not a vasprun.xml`);
      this.sawRoot = true;
    }
    const selfClosing = this.buf[gt - 1] === 0x2f;
    if (depth === 0 && selfClosing) throw this.error(lt, 'unexpected self-closing root');
    const action = depth === 0 || (depth === 1 && name === 'calculation') ? 'descend' : name === 'separator' ? 'keep' : this.handler.action(name, depth);
    if (!selfClosing && action === 'descend') {
      this.stack.push({ name, start: this.base + lt });
      this.handler.open(name, depth + 1, this.base + lt);
      return gt + 1;
    }
    if (selfClosing) {
      this.emit(name, depth, action, [this.buf.subarray(lt, gt + 1)], this.base + lt, this.base + gt + 1);
      return gt + 1;
    }
    this.leaf = { name, start: this.base + lt, action, close: closeTagBytes(name), parts: [] };
    this.drop(lt);
    return this.continueLeaf(gt + 1 - lt);
  }

  private declaration(lt: number, gt: number): number {
    const head = decoder.decode(this.buf.subarray(lt, Math.min(gt + 1, lt + 12)));
    if (head.startsWith('<!--')) {
      const endC = indexOfBytes(this.buf, new TextEncoder().encode('-->'), lt + 4);
      return endC < 0 ? -1 : endC + 3;
    }
    throw this.error(lt, `'${head.split(/\s/)[0]}' declarations are not accepted (no DTDs or entities in vasprun.xml)`);
  }

  private closeContainer(tag: string, lt: number, gt: number): number {
    const name = /^<\/\s*([\w.:-]+)/.exec(tag)?.[1];
    const top = this.stack.at(-1);
    if (!top || top.name !== name) throw this.error(lt, `closing tag </${name}> does not match <${top?.name ?? '(none)'}>`);
    this.stack.pop();
    this.handler.close(name, this.stack.length + 1, this.base + gt + 1);
    return gt + 1;
  }

  /** Inside a section (buf starts at its '<'): look for its close tag from `pos`. */
  private continueLeaf(pos: number): number {
    const leaf = this.leaf!;
    const from = Math.max(0, pos - leaf.close.length);
    let at = indexOfBytes(this.buf, leaf.close, from);
    while (at >= 0 && leaf.name === 'separator' && this.nestedOpen(at)) at = indexOfBytes(this.buf, leaf.close, at + 1);
    if (at < 0) {
      this.stash(leaf);
      return -1;
    }
    const endRel = at + leaf.close.length;
    leaf.parts.push(this.buf.subarray(0, endRel));
    this.leaf = undefined;
    this.emit(leaf.name, this.stack.length, leaf.action, leaf.parts, leaf.start, this.base + endRel);
    this.drop(endRel);
    return 0;
  }

  /** Separators nest: the close found is ours only if opens and closes balance up to it. */
  private nestedOpen(closeAt: number): boolean {
    const text = decoder.decode(this.buf.subarray(0, closeAt));
    const opens = text.match(/<separator[\s>]/g)?.length ?? 0;
    const closes = text.match(/<\/separator>/g)?.length ?? 0;
    return opens > closes + 1;
  }

  /** No close tag yet: keep what the action needs, plus a tail so a close tag split across chunks is found. */
  private stash(leaf: Leaf): void {
    const tail = leaf.close.length - 1;
    const cut = Math.max(0, this.buf.length - tail);
    if (leaf.name === 'separator') return; // small, nested: keep the whole buffer and rescan
    if (leaf.action === 'keep') {
      leaf.parts.push(this.buf.slice(0, cut));
    }
    this.drop(cut);
  }

  private emit(name: string, depth: number, action: SectionAction, parts: Uint8Array[], start: number, end: number): void {
    const bytes = action !== 'keep' ? EMPTY : parts.length === 1 ? parts[0] : concat(parts);
    this.handler.section({ name, depth, bytes, start, end });
  }

  private error(rel: number, detail: string): ParseError {
    return new ParseError(this.source, undefined, `byte ${this.base + rel}: ${detail}`);
  }
}

const EMPTY = new Uint8Array(0);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The names a <calculation> holds in every step, matched on the bytes (no string made per tag); '' for others. */
const STEP_NAMES = ['scstep', 'structure', 'varray', 'energy', 'time', 'i'].map((n) => ({ n, b: latin1Bytes(n) }));

function knownName(b: Uint8Array, p: number): string {
  outer: for (const { n, b: name } of STEP_NAMES) {
    if (b[p] !== name[0]) continue;
    for (let k = 1; k < name.length; k++) if (b[p + k] !== name[k]) continue outer;
    const after = b[p + name.length];
    if (after === 0x3e || after === 0x20 || after === 0x2f) return n;
  }
  return '';
}

const closeTags = new Map<string, Uint8Array>();
function closeTagBytes(name: string): Uint8Array {
  let b = closeTags.get(name);
  if (!b) closeTags.set(name, (b = new TextEncoder().encode(`</${name}>`)));
  return b;
}
