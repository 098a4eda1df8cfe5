/**
 * fast-xml-parser, set up for vasprun sections: document order preserved (first occurrence of a parameter wins),
 * every value kept as text (numbers are read by readFortranNumbers so '*****' and fused fields are handled),
 * entities left alone. Each section is validated first, so malformed XML is an error with a position.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ParseError } from '../core/errors.js';

/** A preserveOrder node: { tag: children, ':@': attributes } or { '#text': text }. */
export type XNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
});

/**
 * Parses one section. VASP writes a very plain XML (tags, double-quoted attributes, text without entities); such a
 * section is read by a strict tokenizer that checks nesting as it builds the same tree fast-xml-parser would, at a
 * fraction of the cost (a 300 MB file has ~500 000 sections). Anything else — comments, entities, CDATA,
 * single quotes, broken nesting — goes to fast-xml-parser's validator and parser, which report errors by position.
 */
export function parseSection(text: string, source: string, start: number, label: string): XNode[] {
  return parsePlainXml(text) ?? parseSectionFull(text, source, start, label);
}

const MAX_DEPTH = 64;
const TEXT = /[^<&]+/y;
const OPEN = /<([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+="[^"<&]*")*)\s*(\/?)>/y;
const CLOSE = /<\/([A-Za-z_][\w.:-]*)\s*>/y;
const ATTR = /([\w.:-]+)="([^"]*)"/g;

/** The strict fast path; undefined when the text is not plain, well-nested XML with one root. */
export function parsePlainXml(text: string): XNode[] | undefined {
  const root: XNode[] = [];
  const stack: { name: string; children: XNode[] }[] = [];
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c !== 60 /* < */) {
      TEXT.lastIndex = pos;
      const m = TEXT.exec(text);
      if (!m) return undefined; // '&': entities take the full parser
      pos = TEXT.lastIndex;
      if (stack.length === 0) {
        if (m[0].trim() !== '') return undefined;
      } else if (m[0].trim() !== '') stack[stack.length - 1].children.push({ '#text': m[0] });
      continue;
    }
    if (text.charCodeAt(pos + 1) === 47 /* / */) {
      CLOSE.lastIndex = pos;
      const m = CLOSE.exec(text);
      const top = stack.pop();
      if (!m || !top || top.name !== m[1]) return undefined;
      pos = CLOSE.lastIndex;
      continue;
    }
    OPEN.lastIndex = pos;
    const m = OPEN.exec(text);
    if (!m) return undefined;
    pos = OPEN.lastIndex;
    const children: XNode[] = [];
    const node: XNode = { [m[1]]: children };
    if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of m[2].matchAll(ATTR)) attrs[a[1]] = a[2];
      node[':@'] = attrs;
    }
    if (stack.length > MAX_DEPTH) return undefined; // VASP nests < 10 deep; leave oddities to the full parser
    const siblings = stack.length ? stack[stack.length - 1].children : root;
    if (stack.length === 0 && root.length > 0) return undefined;
    siblings.push(node);
    if (m[3] !== '/') stack.push({ name: m[1], children });
  }
  return stack.length === 0 && root.length === 1 ? root : undefined;
}

/** Validates and parses one section; errors name the file byte offset of the section and the line inside it. */
function parseSectionFull(text: string, source: string, start: number, label: string): XNode[] {
  if (/<!(DOCTYPE|ENTITY)/.test(text)) throw new ParseError(source, undefined, `byte ${start}: ${label} holds a DTD/ENTITY declaration (not accepted)`);
  let v: ReturnType<typeof XMLValidator.validate>;
  try {
    v = XMLValidator.validate(text);
  } catch (e) {
    throw new ParseError(source, undefined, `byte ${start}: ${label} cannot be read: ${(e as Error).message}`);
  }
  if (v !== true) {
    throw new ParseError(source, undefined, `byte ${start}: malformed XML in ${label} (its line ${v.err.line}, column ${v.err.col}): ${v.err.msg}`);
  }
  try {
    return parser.parse(text) as XNode[];
  } catch (e) {
    // fast-xml-parser's own limits (e.g. 'Maximum nested tags exceeded') are input errors too
    throw new ParseError(source, undefined, `byte ${start}: ${label} cannot be read: ${(e as Error).message}`);
  }
}

export function tagOf(n: XNode): string | undefined {
  for (const k in n) if (k !== ':@') return k;
  return undefined;
}

export function childrenOf(n: XNode): XNode[] {
  const t = tagOf(n);
  const c = t === undefined ? undefined : n[t];
  return Array.isArray(c) ? (c as XNode[]) : [];
}

export function attrOf(n: XNode, name: string): string | undefined {
  const a = n[':@'] as Record<string, string> | undefined;
  return a?.[name];
}

/** Element children only (no text nodes), optionally of one tag. */
export function elements(n: XNode, tag?: string): XNode[] {
  return childrenOf(n).filter((c) => {
    const t = tagOf(c);
    return t !== undefined && t !== '#text' && (tag === undefined || t === tag);
  });
}

/** Concatenated text content of a node. */
export function textOf(n: XNode): string {
  let s = '';
  for (const c of childrenOf(n)) {
    if (typeof c['#text'] === 'string') s += c['#text'];
    else if (tagOf(c) !== undefined) s += textOf(c);
  }
  return s;
}

/** First child element with tag and (optionally) name attribute. */
export function findChild(n: XNode, tag: string, name?: string): XNode | undefined {
  return elements(n, tag).find((c) => name === undefined || attrOf(c, 'name') === name);
}
