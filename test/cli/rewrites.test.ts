/**
 * Semantics-preserving rewrites give byte-identical `--json`: every corpus file of both corpora (volumetric files
 * through `vpost info`, OUTCAR / vasprun.xml through `vpost summary`; failures compared by their one-line error) is
 * rewritten with CRLF line ends, tabs for runs of spaces, two trailing spaces on every line, gzip, bzip2, xz and
 * zstd compression, and under another name — and must give the same output, exit code and stderr. Normalised before
 * comparing: the folder the file sits in, and for the renamed copy its file name (both appear in `path`,
 * `files_used`, messages and evidence). Each rewrite keeps the original base name, so nothing else is normalised.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { captureIO, runCli } from '../helpers/cli.js';
import { corpusPath } from '../helpers/corpus.js';

const D = mkdtempSync(join(tmpdir(), 'vpost-rewrites-'));
afterAll(() => rmSync(D, { recursive: true, force: true }));

const MANIFEST = readFileSync(corpusPath('MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t'));
const MORE = JSON.parse(readFileSync(corpusPath('more/expected.json'), 'utf8')) as Record<string, { kind: string }>;
type Kind = 'volumetric' | 'run';
const FILES: [string, Kind][] = [
  ...MANIFEST.flatMap(([rel, , , , , , what]): [string, Kind][] =>
    /^(CHGCAR|CHG|LOCPOT|AECCAR\d?|ELFCAR|PARCHG)\b/.test(what) ? [[rel, 'volumetric']]
      : /^(TRUNCATED |BROKEN(\/TRUNCATED)? )?(OUTCAR|vasprun\.xml)/.test(what) ? [[rel, 'run']] : []),
  ...Object.entries(MORE).flatMap(([rel, v]): [string, Kind][] =>
    v.kind === 'volumetric' ? [[`more/${rel}`, 'volumetric']] : v.kind === 'outcar' || v.kind === 'vasprun' ? [[`more/${rel}`, 'run']] : []),
];

function plainBytes(rel: string): Buffer {
  const raw = readFileSync(corpusPath(rel));
  return raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw) : raw;
}

/** A compressor of the system (bzip2, xz, zstd), fastest preset; undefined when it is not installed. */
function compress(tool: string, args: string[], bytes: Buffer): Buffer | undefined {
  const r = spawnSync(tool, args, { input: bytes, maxBuffer: 1 << 30 });
  return r.status === 0 ? r.stdout : undefined;
}

const REWRITES: [string, (b: Buffer) => Buffer | undefined][] = [
  ['crlf', (b) => Buffer.from(b.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1')],
  ['tabs', (b) => Buffer.from(b.toString('latin1').replace(/ +/g, '\t'), 'latin1')],
  ['trailing-spaces', (b) => Buffer.from(b.toString('latin1').replace(/\n/g, '  \n'), 'latin1')],
  ['gzip', (b) => gzipSync(b, { level: 1 })],
  ['bzip2', (b) => compress('bzip2', ['-1', '-c'], b)],
  ['xz', (b) => compress('xz', ['-0', '-T1', '-c'], b)],
  ['zstd', (b) => compress('zstd', ['-1', '-q', '-c'], b)],
  ['renamed', (b) => b],
];

async function run(kind: Kind, path: string): Promise<string> {
  const io = captureIO();
  const code = await runCli(kind === 'volumetric' ? ['info', path, '--json'] : ['summary', path, '--json'], io);
  return `exit ${code}\n${io.stdout}\n${io.stderr}`;
}

/**
 * The output with the folder (and a renamed file's name) written as placeholders, in plain and JSON-escaped form.
 * Also normalised: byte offsets (a truncated vasprun.xml says where it ends; CRLF, tabs and trailing blanks move
 * that byte by construction) and which compressor wrapped an archive (the rewrites work on its decompressed bytes).
 */
function normalised(text: string, dir: string, name: string, as: string): string {
  let t = text.replace(/\bbyte \d+/g, 'byte N').replace(/\b(gzip|bzip2|xz|zstd)-compressed /g, '');
  for (const [from, to] of [[join(dir, name), 'DIR/FILE'], [dir, 'DIR'], [name, as]] as const) {
    t = t.split(from).join(to).split(JSON.stringify(from).slice(1, -1)).join(to);
  }
  return t;
}

const skipped = new Set<string>();

describe('semantics-preserving rewrites give byte-identical --json', () => {
  it('covers both corpora', () => expect(FILES.length).toBeGreaterThanOrEqual(95));

  it.each(FILES)('%s', async (rel, kind) => {
    const name = rel.split('/').pop()!;
    const slug = rel.replace(/[^A-Za-z0-9]+/g, '_');
    const plain = plainBytes(rel);
    const baseDir = join(D, slug, 'original');
    mkdirSync(baseDir, { recursive: true });
    writeFileSync(join(baseDir, name), readFileSync(corpusPath(rel)));
    const want = normalised(await run(kind, join(baseDir, name)), baseDir, name, name);
    // every rewrite on files up to 400 kB; larger ones get CRLF, tabs and one other rewrite in turn, so each is run
    // on big files too while the suite stays quick (VPOST_REWRITES=full runs all of them on every file)
    const others = REWRITES.slice(2).map(([l]) => l);
    const turn = others[FILES.findIndex(([r]) => r === rel) % others.length];
    const all = plain.length <= 4e5 || process.env.VPOST_REWRITES === 'full';
    for (const [label, rewrite] of REWRITES.filter(([l]) => all || l === 'crlf' || l === 'tabs' || l === turn)) {
      const bytes = rewrite(plain);
      if (!bytes) {
        skipped.add(label);
        continue;
      }
      const dir = join(D, slug, label);
      mkdirSync(dir, { recursive: true });
      const file = label === 'renamed' ? `renamed_${name.replace(/^vasprun|^OUTCAR/, 'output')}` : name;
      writeFileSync(join(dir, file), bytes);
      const got = normalised(await run(kind, join(dir, file)), dir, file, name);
      expect(got, `${label} of ${rel}`).toBe(want);
    }
  }, 120_000);

  it('ran every rewrite (bzip2, xz and zstd need their command-line tools to make the inputs)', () => {
    expect([...skipped]).toEqual([]);
  });
});
