/**
 * `vpost view FILE --bader RESULT.json`: the page carries each atom's Bader net charge (matched by index) for the
 * viewer to colour the atoms by; a result whose structure is not the file's — atom count, element, position,
 * cell — is refused naming what differs (exit 1), as is a JSON file that is not a vpost bader output.
 * `--bader` alone runs the analysis on the first file (the bader command's defaults).
 */
import { promises as fsp, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT, corpusPath } from '../helpers/corpus.js';
import { tempDir } from '../helpers/run-copies.js';
import { ensureViewerBuilt } from '../helpers/viewer-fixtures.js';

const FIX = join(REPO_ROOT, 'fixtures/na-o-interstitial/');
const [AB, A] = ['Na16O', 'Na16'].map((n) => join(FIX, `${n}.CHGCAR.gz`));
const tmp = tempDir('vpost-view-bader-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const json = join(tmp, 'bader.json');
let doc: { bader_atoms: { element: string; net_charge_e: number; fractional_position: number[] }[]; lattice_A: number[][] };

beforeAll(async () => {
  await ensureViewerBuilt();
  const r = await cli(['bader', AB, '--zval', 'Na=7,O=6', '--json']);
  expect(r.code).toBe(0);
  writeFileSync(json, r.out);
  doc = r.json;
}, 120_000);

async function settingsOf(page: string) {
  const html = await fsp.readFile(page, 'utf8');
  return JSON.parse(/<script type="application\/json" id="vpost-settings">([^<]*)<\/script>/.exec(html)![1]);
}

/** The result with one change, written as a file. */
function variant(name: string, change: (d: typeof doc) => void): string {
  const copy = structuredClone(doc);
  change(copy);
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(copy));
  return path;
}

describe('vpost view --bader', () => {
  it('puts every atom’s net charge into the page, in file order, and says where they came from', async () => {
    const page = join(tmp, 'nao.html');
    const r = await cli(['view', AB, '--bader', json, '-o', page, '--json']);
    expect(r.code).toBe(0);
    expect(r.json.bader_path).toBe(json);
    const s = await settingsOf(page);
    expect(s.atomValues).toEqual({ title: 'Bader net charge ZVAL − q', unit: 'e', values: doc.bader_atoms.map((a) => a.net_charge_e) });
    // the interstitial O gained electrons (negative net charge); the Na it took them from are positive
    expect(s.atomValues.values[16]).toBeLessThan(-0.5);
    expect(Math.max(...s.atomValues.values.slice(0, 16))).toBeGreaterThan(0.3);
    expect((await cli(['view', AB, '-o', join(tmp, 'plain.html'), '--json'])).json.bader_path).toBeNull();
  });

  it.each([
    ['another structure (16 atoms)', () => join(tmp, 'na16.json'), /na16\.json has 16 atoms, Na16O\.CHGCAR\.gz has 17: not the same structure/],
    ['an element swapped', () => variant('swapped.json', (d) => (d.bader_atoms[16].element = 'F')),
      /atom 17 is F at \(0\.5000 0\.5000 0\.2500\) in .*swapped\.json but O at \(0\.5000 0\.5000 0\.2500\) in Na16O\.CHGCAR\.gz/],
    ['an atom moved by 0.1 Å', () => variant('moved.json', (d) => (d.bader_atoms[3].fractional_position[0] += 0.1 / 8.46)),
      /atom 4 \(Na\) is at .* in .*moved\.json but at .* in Na16O\.CHGCAR\.gz, 0\.100 Å apart \(tolerance 0\.02 Å\)/],
    ['another cell', () => variant('cell.json', (d) => (d.lattice_A[2][2] += 0.05)), /cell\.json and Na16O\.CHGCAR\.gz have different cells: /],
    ['no net charges', () => variant('nozval.json', (d) => d.bader_atoms.forEach((a) => (a.net_charge_e = null as unknown as number))), /no net charges \(ZVAL unknown for Na, O; run vpost bader with --zval/],
    ['not a Bader result', () => join(tmp, 'info.json'), /info\.json: a vpost-info\/2 document, not the vpost-bader\/2 output of vpost bader --json/],
    ['a damaged result', () => variant('damaged.json', (d) => delete (d as Partial<typeof doc>).lattice_A), /damaged\.json.*lattice_A/],
  ])('refuses %s naming what differs (exit 1)', async (_what, file, message) => {
    if (!(await fsp.stat(join(tmp, 'na16.json')).catch(() => undefined))) {
      writeFileSync(join(tmp, 'na16.json'), (await cli(['bader', A, '--zval', 'Na=7', '--json'])).out);
      writeFileSync(join(tmp, 'info.json'), (await cli(['info', AB, '--json'])).out);
    }
    const r = await cli(['view', AB, '--bader', file(), '-o', join(tmp, 'refused.html')]);
    expect([r.code, r.err.trim().split('\n').length]).toEqual([1, 1]);
    expect(r.err).toMatch(message);
  });

  it('--bader alone analyses the first file, ZVAL from its run folder', async () => {
    const chgcar = corpusPath('atomate/atomate/vasp/test_files/Si_static/outputs/CHGCAR.gz');
    const page = join(tmp, 'si.html');
    const r = await cli(['view', chgcar, '-o', page, '--json', '--bader']);
    expect(r.code).toBe(0);
    expect(r.json.bader_path).toBe(chgcar);
    // the note that the folder's AECCARs would make a better reference is passed on
    expect(r.json.warnings.some((w: string) => /^Bader analysis: .*AECCAR0\+AECCAR2/.test(w))).toBe(true);
    const values: number[] = (await settingsOf(page)).atomValues.values;
    expect(values).toHaveLength(2);
    // ZVAL 4 per Si from the OUTCAR, 8 valence electrons in the CHGCAR: the net charges of the neutral cell add up to 0
    expect(Math.abs(values[0] + values[1])).toBeLessThan(1e-6);
  });

  it('--bader alone refuses a page whose first file is a difference (its regions would not be atoms)', async () => {
    const drho = join(tmp, 'drho.CHGCAR');
    expect((await cli(['chgdiff', AB, A, join(FIX, 'O.CHGCAR.gz'), '-o', drho])).code).toBe(0);
    const r = await cli(['view', drho, '-o', join(tmp, 'drho.html'), '--bader']);
    expect([r.code, r.err]).toEqual([1, expect.stringMatching(/drho\.CHGCAR is a difference: give the whole system's CHGCAR first, or --bader with a vpost bader --json output\n$/)]);
    // with the whole system's result, the difference's page gets the colours (same structure)
    expect((await cli(['view', drho, '-o', join(tmp, 'drho.html'), '--bader', json])).code).toBe(0);
  });
});
