/**
 * `vpost snapshot` and `vpost check` in-process: exit codes, the JSON document against its schema, JUnit XML
 * well-formedness and counts, the HTML report. Perturbed run folders are copies under os.tmpdir().
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { snapshotProblems } from '../../src/model/snapshot-read.js';
import { VPOST_VERSION } from '../../src/vocabulary/version.js';
import { REPO_ROOT, corpusPath } from '../helpers/corpus.js';
import { copyRun, editText, gunzipTo, shiftEnergies, tempDir, truncateFile } from '../helpers/run-copies.js';

const NA110 = `${REPO_ROOT}fixtures/na110`;
const NA110_O2 = `${REPO_ROOT}fixtures/na110-o2`;
const tmp = tempDir();
const refs = join(tmp, 'refs');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(argv: string[]) {
  const io = captureIO();
  const code = await runCli(argv, io);
  return { code, out: io.stdout, err: io.stderr };
}

/**
 * What the schema cannot say about a vpost-check/2 document (test/helpers/cli.ts validates it against its schema):
 * the counts add up, rows keep the vocabulary's key order, an unreadable run says why.
 */
function checkJsonProblems(doc: Record<string, unknown>): string[] {
  const p: string[] = [];
  const runs = doc.runs as Record<string, unknown>[];
  if (doc.runs_checked !== runs.length) p.push('runs_checked');
  const counted = ['runs_passed', 'runs_failed', 'runs_untrustworthy', 'runs_changed_input', 'runs_missing', 'runs_unreadable'];
  if (counted.reduce((a, k) => a + (doc[k] as number), 0) !== runs.length) p.push('counts');
  for (const r of runs) {
    if (r.verdict === 'unreadable' && typeof r.error !== 'string') p.push('error');
    for (const row of r.rows as Record<string, unknown>[]) {
      const keys = ['key', 'group', 'reference_value', 'new_value', 'delta', 'tolerance', 'verdict', 'note'];
      if (JSON.stringify(Object.keys(row)) !== JSON.stringify(keys)) p.push(`row keys ${Object.keys(row)}`);
    }
  }
  return p;
}

/** Parses JUnit XML and checks that the counts in the attributes match the elements. */
function junitCounts(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['testsuite', 'testcase'].includes(n) }).parse(xml);
  const suites = doc.testsuites.testsuite as Record<string, unknown>[];
  let tests = 0;
  let failures = 0;
  for (const s of suites) {
    const cases = s.testcase as Record<string, unknown>[];
    const f = cases.filter((c) => c.failure !== undefined).length;
    expect(Number(s['@_tests'])).toBe(cases.length);
    expect(Number(s['@_failures'])).toBe(f);
    tests += cases.length;
    failures += f;
  }
  expect(Number(doc.testsuites['@_tests'])).toBe(tests);
  expect(Number(doc.testsuites['@_failures'])).toBe(failures);
  return { tests, failures, suites };
}

beforeAll(async () => {
  const r = await cli(['snapshot', NA110, NA110_O2, '-o', refs]);
  if (r.code !== 0) throw new Error(`snapshot failed: ${r.err}`);
});

describe('vpost snapshot', () => {
  it('writes one schema-conforming JSON per run, named after the folder', () => {
    for (const name of ['na110', 'na110-o2']) {
      const s = JSON.parse(readFileSync(join(refs, `${name}.json`), 'utf8'));
      expect(snapshotProblems(s)).toEqual([]);
      expect(s.run_name).toBe(name);
      expect(s.vpost_version).toBe(VPOST_VERSION);
    }
  });

  it('refuses two runs with the same folder name (exit 2)', async () => {
    const other = copyRun(NA110, join(tmp, 'elsewhere'), 'na110');
    const r = await cli(['snapshot', NA110, other, '-o', join(tmp, 'dup')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/both named 'na110'/);
  });
});

describe('vpost check', () => {
  it('passes the fixtures against their own references: exit 0, JSON per schema, JUnit with no failures', async () => {
    const junit = join(tmp, 'pass.xml');
    const r = await cli(['check', NA110, NA110_O2, '--ref', refs, '--json', '--junit', junit]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(checkJsonProblems(doc)).toEqual([]);
    expect(doc).toMatchObject({ runs_checked: 2, runs_passed: 2 });
    const { tests, failures } = junitCounts(readFileSync(junit, 'utf8'));
    expect(failures).toBe(0);
    expect(tests).toBe(doc.runs.reduce((a: number, x: { rows: unknown[] }) => a + x.rows.length, 0));
  });

  it('a copy with every energy shifted by 2 meV/atom fails exactly the four energy rows (exit 1)', async () => {
    const dir = copyRun(NA110_O2, join(tmp, 'shifted'), 'na110-o2');
    shiftEnergies(dir, 0.002 * 9);
    const junit = join(tmp, 'shift.xml');
    const r = await cli(['check', dir, '--ref', refs, '--json', '--junit', junit]);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.out);
    expect(checkJsonProblems(doc)).toEqual([]);
    const bad = doc.runs[0].rows.filter((x: { verdict: string }) => x.verdict !== 'pass' && x.verdict !== 'info');
    expect(bad.map((x: { key: string }) => x.key)).toEqual(['free_energy_eV', 'free_energy_per_atom_eV', 'energy_sigma0_eV', 'energy_sigma0_per_atom_eV']);
    for (const x of bad) expect(x.verdict).toBe('fail');
    expect(bad[1].delta).toBeCloseTo(0.002, 9);
    expect(bad[0].delta).toBeCloseTo(0.018, 8);
    expect(junitCounts(readFileSync(junit, 'utf8')).failures).toBe(4);
    // the same shift within a looser per-atom tolerance (totals follow: 3 meV × 9) passes
    // (a run path right after --tol stays a run path: --tol takes one value per flag)
    const loose = await cli(['check', '--tol', 'free_energy_per_atom_eV=0.003', dir, '--tol', 'energy_sigma0_per_atom_eV=0.003', '--ref', refs]);
    expect(loose.code).toBe(0);
    const tolFile = join(tmp, 'tol.json');
    writeFileSync(tolFile, JSON.stringify({ free_energy_per_atom_eV: 0.003, energy_sigma0_per_atom_eV: 0.003 }));
    expect((await cli(['check', dir, '--ref', refs, '--tol-file', tolFile])).code).toBe(0);
  });

  it('a truncated vasprun.xml is flagged untrustworthy (exit 1) and shown so in the table', async () => {
    const dir = copyRun(NA110, join(tmp, 'cut'), 'na110');
    truncateFile(join(dir, 'vasprun.xml'), 0.8);
    const r = await cli(['check', dir, '--ref', refs]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^na110: UNTRUSTWORTHY/);
    expect(r.out).toMatch(/^trust\.complete\s+true\s+false\s+untrustworthy/m);
  });

  it('a LOCPOT written with V_xc (LVTOT without LVHAR) is untrustworthy and the INCAR change is input drift', async () => {
    const dir = copyRun(NA110, join(tmp, 'vxc'), 'na110');
    const flip = (t: string) => t.replace(/(name="LVHAR">\s*)T/g, '$1F').replace(/(name="LVTOT">\s*)F/g, '$1T');
    editText(join(dir, 'vasprun.xml'), flip);
    editText(join(dir, 'OUTCAR'), (t) => t.replace(/(LVTOT\s+=\s+)F/, '$1T').replace(/(LVHAR\s+=\s+)T/, '$1F'));
    const doc = JSON.parse((await cli(['check', dir, '--ref', refs, '--json'])).out);
    const rows = Object.fromEntries(doc.runs[0].rows.map((x: { key: string }) => [x.key, x]));
    expect(rows['trust.locpot_has_vxc'].verdict).toBe('untrustworthy');
    expect(rows.incar.verdict).toBe('changed-input');
    expect(rows.incar.note).toMatch(/LVHAR true → false/);
    expect(doc.runs[0].verdict).toBe('untrustworthy');
  });

  it('JUnit stays well-formed for a run folder whose name holds XML markup', async () => {
    const odd = `na&<"110">`;
    const dir = copyRun(NA110, join(tmp, 'odd'), odd);
    shiftEnergies(dir, 0.05);
    const oddRefs = join(tmp, 'odd-refs');
    mkdirSync(oddRefs, { recursive: true });
    writeFileSync(join(oddRefs, `${odd}.json`), readFileSync(join(refs, 'na110.json')));
    const junit = join(tmp, 'odd.xml');
    expect((await cli(['check', dir, '--ref', oddRefs, '--junit', junit])).code).toBe(1);
    const { suites, failures } = junitCounts(readFileSync(junit, 'utf8'));
    expect(suites[0]['@_name']).toBe(odd);
    expect(failures).toBe(4);
  });

  it('writes a self-contained HTML report with the overlaid planar averages', async () => {
    const html = join(tmp, 'report.html');
    const r = await cli(['check', NA110_O2, '--ref', join(refs, 'na110-o2.json'), '--html', html]);
    expect(r.code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).toMatch(/^<!DOCTYPE html>/);
    expect(text.match(/<polyline/g)?.length).toBe(2);
    expect(text).not.toMatch(/<script|<link|src=/);
    expect(text).toContain('workfunction_eV.top');
  });

  it('a corpus run checked against its own snapshot (single vasprun.xml file): SCF at NELM gives exit 1', async () => {
    const xml = join(tmp, 'unconv', 'vasprun.unconverged.xml');
    mkdirSync(join(tmp, 'unconv'), { recursive: true });
    gunzipTo(corpusPath('pymatgen-core/test-files/io/vasp/outputs/vasprun.unconverged.xml.gz'), xml);
    expect((await cli(['snapshot', xml, '-o', refs])).code).toBe(0);
    const r = await cli(['check', xml, '--ref', refs, '--json']);
    expect(r.code).toBe(1);
    const rows = JSON.parse(r.out).runs[0].rows;
    expect(rows.find((x: { key: string }) => x.key === 'trust.scf_unconverged_steps').verdict).toBe('untrustworthy');
    expect(rows.filter((x: { group: string; verdict: string }) => x.group !== 'trust' && x.verdict !== 'pass' && x.verdict !== 'info')).toEqual([]);
  });

  it('--ref FILE compares any run with that one reference, whatever the names', async () => {
    const r = await cli(['check', NA110, NA110_O2, '--ref', join(refs, 'na110.json'), '--json']);
    expect(r.code).toBe(1);
    const [same, other] = JSON.parse(r.out).runs;
    expect([same.verdict, same.reference_path]).toEqual(['pass', join(refs, 'na110.json')]);
    expect(other.verdict).toBe('changed-input'); // another structure and INCAR: input drift, not a regression
    // snapshot RUN -o FILE.json writes that file (not a folder), and check takes it for a run of another name
    const file = join(tmp, 'reference of the clean slab.json');
    expect((await cli(['snapshot', NA110, '-o', file])).code).toBe(0);
    expect(statSync(file).isFile()).toBe(true);
    const renamed = copyRun(NA110, join(tmp, 'renamed'), 'rerun-on-cluster-b');
    const single = await cli(['check', renamed, '--ref', file]);
    expect(single.code).toBe(0);
    expect(single.out).toMatch(/^rerun-on-cluster-b: PASS/);
  });

  it('exit 2 for usage errors, 1 for unreadable input (runs, references, tolerance files); the message names the culprit', async () => {
    const empty = join(tmp, 'empty-run');
    mkdirSync(empty, { recursive: true });
    const cases: [string[], number, RegExp][] = [
      [['check', NA110, '--ref', refs, '--tol', 'bogus=1'], 2, /--tol bogus=1: unknown quantity 'bogus'/],
      [['check', NA110, '--ref', refs, '--tol', 'energy_per_atom_eV=0.003'], 2, /no longer a quantity: use free_energy_per_atom_eV \(TOTEN\)/],
      [['check', NA110, '--ref', refs, '--jobs', '0'], 2, /--jobs/],
      [['check', NA110], 2, /Missing required argument: ref/],
      [['check', NA110, '--ref', refs, '--bogus', '--junit', join(tmp, 'never.xml')], 2, /Unknown argument: bogus/],
      [['check', NA110, '--ref', join(tmp, 'nope')], 1, /nope: no such file/],
      [['check', empty, '--ref', refs], 1, /reference .*empty-run\.json: no such file/],
      [['check', NA110, '--ref', join(refs, 'na110.json'), '--tol-file', join(tmp, 'missing.json')], 1, /missing\.json: no such file/],
    ];
    for (const [argv, code, message] of cases) {
      const r = await cli(argv);
      expect({ argv, code: r.code }).toEqual({ argv, code });
      expect(r.err).toMatch(message);
    }
    // a run folder without outputs, with a reference present
    writeFileSync(join(refs, 'empty-run.json'), readFileSync(join(refs, 'na110.json')));
    const r = await cli(['check', empty, '--ref', refs, '--junit', join(tmp, 'err.xml')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no vasprun\.xml or OUTCAR/);
    const { suites } = junitCounts(readFileSync(join(tmp, 'err.xml'), 'utf8'));
    expect(suites[0]['@_errors']).toBe('1');
    expect(existsSync(join(NA110, 'na110.json'))).toBe(false);
    expect(existsSync(join(tmp, 'never.xml'))).toBe(false); // a usage error runs nothing
  });
});
