/**
 * One vocabulary across commands: every command is run on the same runs and files (the GPAW Na(110) slab as a run
 * folder with its LOCPOT and E_F, the Na(110) fixture run, a spin-polarised Ir(100) relaxation from the corpus, the
 * Na + interstitial O charge-difference triple), and a key present in two outputs about the same thing must hold
 * the same value. Every output is also validated against its JSON Schema (test/helpers/cli.ts).
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keySpec } from '../../src/vocabulary/index.js';
import { cli } from '../helpers/cli.js';
import { REPO_ROOT, corpusPath } from '../helpers/corpus.js';
import { tempDir } from '../helpers/run-copies.js';

const tmp = tempDir('vpost-consistency-');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Keys left out of the comparison, and why: `schema` names each document; `path`, `output_path`, `reference_path`
 * and `title` name what was given or written (a folder in one command, its LOCPOT in another); `warnings` are about
 * what each command did; check `rows` are comparisons, not results.
 */
const NOT_COMPARED = new Set(['schema', 'path', 'output_path', 'reference_path', 'title', 'warnings', 'rows']);
/** The key that tells the items of a list apart (faces by name, blocks by number); others by position. */
const ITEM_ID = ['face', 'block', 'atom'];

/** Leaf values of a document by key, qualified by the list items they sit in; nested objects are transparent. */
function leaves(doc: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (obj: Record<string, unknown>, at: string) => {
    for (const [key, value] of Object.entries(obj)) {
      if (NOT_COMPARED.has(key)) continue;
      const t = keySpec(key).type;
      if (typeof t === 'object' && value !== null) {
        if ('object' in t) walk(value as Record<string, unknown>, at);
        else (value as Record<string, unknown>[]).forEach((item, i, all) => {
          const id = ITEM_ID.find((k) => k in item);
          walk(item, all.length === 1 ? at : `${at}[${id ? `${id}=${String(item[id])}` : `${key}#${i}`}]`);
        });
      } else out.set(`${at}${key}`, value);
    }
  };
  walk(doc as Record<string, unknown>, '');
  return out;
}

/** Equal JSON values; numbers to 1e-9 relative (a CHGCAR written and read back has 11 significant digits). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    return JSON.stringify(ka) === JSON.stringify(Object.keys(b).sort()) && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

/** Runs each command (with --json) and returns the keys shared by two or more outputs, checking they agree. */
async function sharedKeys(commands: readonly string[][]): Promise<Map<string, string[]>> {
  const seen = new Map<string, { value: unknown; command: string }>();
  const shared = new Map<string, string[]>();
  const disagreements: string[] = [];
  for (const argv of commands) {
    const r = await cli([...argv, '--json']);
    expect({ argv, code: r.code, err: r.err.split('\n')[0] }).toMatchObject({ argv, code: argv[0] === 'check' ? expect.any(Number) : 0 });
    for (const [key, value] of leaves(r.json)) {
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { value, command: argv[0] });
        continue;
      }
      shared.set(key, [...(shared.get(key) ?? [first.command]), argv[0]]);
      if (!same(first.value, value)) disagreements.push(`${key}: ${first.command} ${JSON.stringify(first.value)?.slice(0, 80)} ≠ ${argv[0]} ${JSON.stringify(value)?.slice(0, 80)}`);
    }
  }
  expect(disagreements).toEqual([]);
  return shared;
}

const expectShared = (shared: Map<string, string[]>, keys: readonly string[]) => expect(keys.filter((k) => !shared.has(k))).toEqual([]);

describe('the same key holds the same value in every command', () => {
  it('the Na(110) fixture run: summary, workfunction, snapshot, check, and info / planar / view of its LOCPOT', async () => {
    const run = `${REPO_ROOT}fixtures/na110`;
    const locpot = join(run, 'LOCPOT.gz');
    const ref = join(tmp, 'na110.json');
    const wf = (await cli(['workfunction', run, '--json'])).json.runs[0];
    const shared = await sharedKeys([
      ['summary', run], ['workfunction', run], ['snapshot', run, '-o', ref], ['check', run, '--ref', ref],
      ['info', locpot], ['planar', locpot, '--axis', wf.axis, '--macro', String(wf.macroscopic_window_A)], ['view', locpot, '-o', join(tmp, 'na110.html')],
    ]);
    expectShared(shared, ['vpost_version', 'formula', 'n_atoms', 'free_energy_eV', 'energy_sigma0_per_atom_eV', 'efermi_eV', 'efermi_source',
      'max_force_eV_per_A', 'scf_unconverged_steps', 'ionic_criterion', 'complete', 'grid', 'axis', 'cell_height_A', 'macroscopic_window_A',
      '[face=top]workfunction_eV', '[face=bottom]vacuum_level_eV', '[face=top]plateau_spread_eV', 'workfunction_average_eV', 'dipole_step_eV',
      'run_name', 'error', 'meaning', 'quantity', 'unit', 'block']);
    expect(shared.get('efermi_eV')).toEqual(['summary', 'workfunction', 'snapshot']);
  });

  it('the GPAW Na(110) slab as a run folder (its LOCPOT, E_F from its reference): workfunction, info, planar, view', async () => {
    const dir = join(tmp, 'gpaw');
    mkdirSync(dir);
    const gpaw = join(REPO_ROOT, '..', 'shared', 'reference', 'na110-clean-gpaw');
    copyFileSync(join(gpaw, 'LOCPOT.gz'), join(dir, 'LOCPOT.gz'));
    const efermi = String(JSON.parse(readFileSync(join(gpaw, 'reference.json'), 'utf8')).efermi_eV);
    const wf = (await cli(['workfunction', dir, '--efermi', efermi, '--json'])).json.runs[0];
    expect(Math.abs(wf.workfunction_average_eV - 2.8316)).toBeLessThan(0.002); // GPAW's own Φ
    const locpot = join(dir, 'LOCPOT.gz');
    const shared = await sharedKeys([
      ['workfunction', dir, '--efermi', efermi], ['info', locpot], ['planar', locpot, '--macro', String(wf.macroscopic_window_A)],
      ['view', locpot, '-o', join(tmp, 'gpaw.html')],
    ]);
    expectShared(shared, ['grid', 'cell_height_A', 'macroscopic_window_A', 'axis', 'meaning', 'quantity', 'unit', 'n_atoms', 'block']);
  });

  it('a spin-polarised Ir(100) relaxation (ISPIN = 2, 11 ionic steps): summary, snapshot, check, info of its CONTCAR', async () => {
    const run = corpusPath('atomate/atomate/vasp/test_files/adsorbate_wf/2/outputs');
    const ref = join(tmp, 'ir.json');
    const shared = await sharedKeys([['summary', run], ['snapshot', run, '-o', ref], ['check', run, '--ref', ref], ['info', join(run, 'CONTCAR')]]);
    expectShared(shared, ['formula', 'n_atoms', 'free_energy_per_atom_eV', 'energy_sigma0_eV', 'efermi_eV', 'magnetization_muB', 'ionic_steps',
      'scf_converged', 'ionic_converged', 'band_gap_eV', 'vasp_version']);
    expect(shared.get('n_atoms')).toEqual(['summary', 'snapshot', 'info']);
  });

  it('the Na + interstitial O triple: chgdiff, combine, and info / view of the difference written', async () => {
    const d = (f: string) => `${REPO_ROOT}fixtures/na-o-interstitial/${f}`;
    const [ab, a, b] = [d('Na16O.CHGCAR.gz'), d('Na16.CHGCAR.gz'), d('O.CHGCAR.gz')];
    const analysis = ['--profile', 'c', '--plane', '2.115', '--sphere', 'O:1.0', '--iso', '1.5e-3'];
    const out = join(tmp, 'drho.CHGCAR');
    const shared = await sharedKeys([
      ['chgdiff', ab, a, b, ...analysis, '-o', out], ['combine', `1:${ab}`, `-1:${a}`, `-1:${b}`, ...analysis, '-o', join(tmp, 'drho-combine.CHGCAR')],
      ['info', out], ['view', out, '--iso', '1.5e-3', '-o', join(tmp, 'drho.html')],
    ]);
    expectShared(shared, ['grid', 'meaning', 'quantity', 'unit', 'gained_e', 'lost_e', 'net_e', 'points_above_iso', 'iso_e_per_bohr3',
      'min_e_per_A3', 'max_e_per_A3', 'total_e', 'cumulative_e', 'charge_below_e', 'charge_e', '[parts#1]weight', 'cell_volume_A3', 'n_atoms']);
    expect(shared.get('max_e_per_A3')).toEqual(['chgdiff', 'combine', 'info']);
  });

  it('the Na + interstitial O whole: bader (with --diff and --parts), info of its CHGCAR, chgdiff of the triple', async () => {
    const d = (f: string) => `${REPO_ROOT}fixtures/na-o-interstitial/${f}`;
    const [ab, a, b] = [d('Na16O.CHGCAR.gz'), d('Na16.CHGCAR.gz'), d('O.CHGCAR.gz')];
    const out = join(tmp, 'drho-bader.CHGCAR');
    const bader = ['bader', ab, '--zval', 'Na=7,O=6', '--diff', out, '--parts', a, b];
    // ∫Δρ over the cell: chgdiff's profile of the difference it writes, bader's sum over the regions of that file
    const withDiff = await sharedKeys([['chgdiff', ab, a, b, '--profile', 'c', '-o', out], bader]);
    expectShared(withDiff, ['grid', 'cell_volume_A3', 'total_e']);
    // electrons in the cell: info's Σ values / N of the CHGCAR, bader's Σ over the regions and the vacuum
    const withInfo = await sharedKeys([['info', ab], bader]);
    expectShared(withInfo, ['grid', 'lattice_A', 'cell_volume_A3', 'integrated_e']);
    expect(withInfo.get('integrated_e')).toEqual(['info', 'bader']);
  });
});
