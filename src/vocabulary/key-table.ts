/**
 * The README's key table, generated from the vocabulary (a test keeps the README equal to it): every key with its
 * unit, meaning and the documents it appears in.
 */
import { DOCUMENTS, type DocumentName } from './documents.js';
import { KEY_TABLES, keySpec, shapeKeys } from './keys.js';
import type { ValueType } from './spec.js';

/** Document names (without the `vpost-` prefix) in which each key appears, nested objects included. */
export function keyUses(): Map<string, string[]> {
  const uses = new Map<string, Set<string>>();
  const visit = (shape: string, doc: string, seen: Set<string>) => {
    if (seen.has(shape)) return;
    seen.add(shape);
    for (const { key, itemShape } of shapeKeys(shape)) {
      if (!uses.has(key)) uses.set(key, new Set());
      uses.get(key)!.add(doc);
      const t = keySpec(key).type;
      if (typeof t === 'object') visit('object' in t ? t.object : t.list === '*' ? itemShape! : t.list, doc, seen);
    }
  };
  for (const name of Object.keys(DOCUMENTS) as DocumentName[]) visit(DOCUMENTS[name].shape, name.replace(/^vpost-/, ''), new Set());
  return new Map([...uses].map(([k, v]) => [k, [...v]]));
}

function typeText(t: ValueType, nullable: boolean | undefined): string {
  const base = typeof t === 'object' ? ('object' in t ? `object (${t.object})` : `list (${t.list === '*' ? 'per document' : t.list})`) : t;
  return nullable ? `${base} or null` : base;
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** Markdown: one table per topic, one row per key. */
export function keyTableMarkdown(): string {
  const uses = keyUses();
  const out: string[] = [];
  for (const [topic, table] of Object.entries(KEY_TABLES)) {
    out.push(`**${topic}**`, '', '| key | type | unit | meaning | in |', '|---|---|---|---|---|');
    for (const [key, spec] of Object.entries(table)) {
      const s = spec as { type: ValueType; unit?: string; meaning: string; nullable?: boolean; values?: readonly string[] };
      const values = s.values ? ` (${s.values.map((v) => `\`${v}\``).join(', ')})` : '';
      out.push(`| \`${key}\` | ${cell(typeText(s.type, s.nullable))} | ${s.unit ?? ''} | ${cell(s.meaning)}${values} | ${(uses.get(key) ?? []).join(', ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
