import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/core/errors.js';
import { parseOutcar, parseOutcarStream, type OutcarRecord } from '../../src/io/outcar.js';
import { compareTol, GOLDEN, OUTCAR_FILES, PEER, readCorpusText, type Json, memoParse } from './run-corpus.js';

const { load, mustLoad } = memoParse<OutcarRecord>((rel) => parseOutcar(readCorpusText(rel), { source: rel.split('/').pop() ?? rel }));

const NO_NIONS = ['parsevasp/tests/OUTCAR.crashed', 'pyiron/tests/static/vasp_test_files/outcar_without_nions/OUTCAR'];

describe('parseOutcar over the corpus', () => {
  it('knows every OUTCAR of the corpus', () => {
    expect(OUTCAR_FILES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(OUTCAR_FILES)('%s: parses or fails with a ParseError, never anything else', (rel) => {
    const r = load(rel);
    if (NO_NIONS.includes(rel)) {
      expect(r).toBeInstanceOf(ParseError);
      expect((r as Error).message).toMatch(/NIONS/);
      return;
    }
    expect(r).not.toBeInstanceOf(Error);
    const rec = r as OutcarRecord;
    expect(rec.nions).toBeGreaterThan(0);
    expect(rec.vaspVersion).toMatch(/^\d\.\d/);
    for (const s of rec.steps) {
      expect(Number.isFinite(s.energySigma0_eV)).toBe(true);
      if (s.forces_eVPerA) expect(s.forces_eVPerA.length).toBe(3 * rec.nions);
    }
    expect(rec.complete).toBe(rec.finished);
    if (!rec.complete) expect(rec.warnings.join('\n')).toMatch(/without the 'General timing' footer/);
  });

  const goldenOutcars = Object.entries(GOLDEN).filter(([k, v]) => v.kind === 'OUTCAR' && OUTCAR_FILES.includes(k));
  it.each(goldenOutcars.filter(([, g]) => g.pymatgen_error === undefined))('%s matches golden.json', (rel, g: Json) => {
    const rec = mustLoad(rel);
    const last = rec.steps.at(-1);
    expect(rec.efermiAll_eV.length).toBe(g.n_efermi_lines);
    if (g.efermi === null) expect(rec.efermiAll_eV.length).toBe(0);
    else expect(rec.efermiAll_eV.at(-1)).toBe(g.efermi_last_line);
    // golden 'efermi_pymatgen_2022_first_line' is not checked: it is the last line in 6 files (see report)
    expect(rec.nelect).toBeCloseTo(Math.round(g.nelect), 3);
    expect(rec.steps.length).toBe(g.n_ionic_steps_by_energy_lines);
    if (last) {
      expect(last.energySigma0_eV).toBe(g.final_energy);
      expect(last.energyWithoutEntropy_eV).toBe(g.final_energy_wo_entrp);
      expect(last.freeEnergy_eV).toBe(g.final_fr_energy);
    } else {
      // pymatgen reads the last SCF line of the step that never finished (not a converged energy)
      expect(rec.partialStep?.energySigma0_eV).toBe(g.final_energy);
    }
    // full_job_aborted: pymatgen's 52.487 is the initial-moment line; no step finished, so nothing to compare
    if (g.total_mag !== null && last) expect(last.magnetization_muB?.[0]).toBeCloseTo(g.total_mag, 7);
    expect(rec.stopped).toBe(g.is_stopped === 1);
    expect(rec.finished).toBe(g.run_stats_keys.includes('Elapsed time (sec)'));
  });
});

/** Peer-assertion quantity → the value our record gives for it. Quantities we do not read are listed below. */
function outcarQuantity(rec: OutcarRecord, q: string): { value: Json } | undefined {
  const last = rec.steps.at(-1);
  const lastRow = (a: Float64Array | undefined) => (a ? Array.from(a.slice(a.length - 3)) : undefined);
  const rows = (a: Float64Array | undefined) => (a ? Array.from({ length: a.length / 3 }, (_, i) => Array.from(a.slice(3 * i, 3 * i + 3))) : undefined);
  const table: [RegExp, () => Json][] = [
    [/^last E-fermi/, () => rec.efermiAll_eV.at(-1)],
    [/^Fermi level: absent/, () => rec.efermiAll_eV.at(-1) ?? null],
    [/^ISPIN$/, () => rec.ispin],
    [/^IBRION$/, () => rec.parameters.IBRION],
    [/^spin-orbit coupling \(LSORBIT\)/, () => rec.parameters.LSORBIT],
    [/^noncollinear run/, () => rec.parameters.LNONCOLLINEAR],
    [/^LEPSILON/, () => rec.parameters.LEPSILON],
    [/^number of ions \(NIONS\)/, () => rec.nions],
    [/^number of irreducible k-points \(NKPTS\)/, () => rec.nkpts],
    [/^(number of bands \(NBANDS\)|NBANDS \(number of bands\))/, () => rec.nbands],
    [/^fine FFT grid/, () => rec.ngf],
    [/^initial lattice vectors/, () => rec.initialLattice_A],
    [/^number of ions of each species/, () => rec.ionsPerType],
    [/^species symbols/, () => rec.species],
    [/^number of ionic steps$/, () => rec.steps.length],
    [/^number of SCF iterations in each ionic step/, () => rec.steps.map((s) => s.scfSteps)],
    [/^('free {2}energy {3}TOTEN' of each|free energy TOTEN of each) ionic step/, () => rec.steps.map((s) => s.freeEnergy_eV)],
    [/^'energy\(sigma->0\)' of each ionic step/, () => rec.steps.map((s) => s.energySigma0_eV)],
    [/^'external pressure' of each ionic step/, () => rec.steps.map((s) => s.externalPressure_kB)],
    [/^lattice vectors \(rows a, b, c\) of the last ionic step/, () => last?.lattice_A],
    [/^Cartesian position of the last ion at the last ionic step/, () => lastRow(last?.positions_A)],
    [/^total force on the last ion at the last ionic step/, () => lastRow(last?.forces_eVPerA)],
    [/^Cartesian positions of all ions at the last ionic step/, () => rows(last?.positions_A)],
    [/^total forces on all ions at the last ionic step/, () => rows(last?.forces_eVPerA)],
    [/^total magnetization per ionic step: absent/, () => (rec.steps.every((s) => s.magnetization_muB === undefined) ? null : 'present')],
    [/^total magnetization of each ionic step/, () => rec.steps.map((s) => s.magnetization_muB)],
    [/^total magnetic moment \(muB\) from the last 'number of electron/, () => last?.magnetization_muB?.[0]],
    [/^total cell magnetization from the 'number of electron/, () => last?.magnetization_muB],
    [/^run stopped early via STOPCAR/, () => rec.stopped],
    [/^run finished: the 'General timing/, () => rec.finished],
    [/^last 'energy\(sigma->0\) =' value/, () => last?.energySigma0_eV],
    [/^last 'energy without entropy' value/, () => last?.energyWithoutEntropy_eV],
    [/^last 'free {2}energy {3}TOTEN' value/, () => last?.freeEnergy_eV],
    [/^number of 'total drift' lines/, () => rec.steps.filter((s) => s.forces_eVPerA).length],
    [/^number of cores the run used/, () => rec.cores],
  ];
  for (const [re, get] of table) if (re.test(q)) return { value: get() };
  return undefined;
}

/** Peer quantities outside this reader's scope (per-ion tables, timing footer, LCALCPOL, DFT+U matrices…). */
const NOT_READ = [
  /^per-ion/, /^run statistics/, /^'Average memory used/, /^number of electrons from the last/, /^test-charge/,
  /^average electrostatic potential/, /^total number of plane waves/, /^number of plane waves/, /dipole moment p\[/,
  /onsite density matrix/, /^atomic mass \(POMASS/, /^vibrational/, /^total magnetic moment \(muB\) of every SCF step/,
  /^per-site final magnetic moments/, /^'magnetization \(x\)' table/, /^total over all ions of the 'magnetization/,
  /^'magnetization \(y\)' and/, /^valence-band maximum: highest energy/, /^conduction-band minimum: lowest energy/,
  /core-state eigenenergy/, /^sum of all components of all 'total drift'/,
  // run-level verdicts: tested in test/model/run-result.test.ts
  /^ionic relaxation converged/, /^electronic SCF converged/, /ionic step hit NELM/,
];

describe('OUTCAR peer assertions', () => {
  const mine = PEER.filter((a) => OUTCAR_FILES.includes(a.file));
  it('every OUTCAR assertion is either checked here or listed as out of scope', () => {
    const unknown = mine.filter((a) => !NOT_READ.some((re) => re.test(a.quantity)) && !/reading fails|collecting output/.test(a.quantity));
    const rec = (a: (typeof mine)[0]) => load(a.file);
    const unmapped = unknown.filter((a) => !(rec(a) instanceof Error) && outcarQuantity(rec(a) as OutcarRecord, a.quantity) === undefined);
    expect(unmapped.map((a) => `${a.file}: ${a.quantity}`)).toEqual([]);
  });
  const checked = mine.filter((a) => !NOT_READ.some((re) => re.test(a.quantity)));
  it.each(checked.map((a) => [`${a.file.split('/').pop()}: ${a.quantity.slice(0, 70)}`, a] as const))('%s', (_name, a) => {
    const r = load(a.file);
    if (/reading fails/.test(a.quantity)) return expect(r).toBeInstanceOf(ParseError);
    if (/collecting output/.test(a.quantity)) return expect(r instanceof Error ? r : undefined).not.toSatisfy((e) => e !== undefined && !(e instanceof ParseError));
    const got = outcarQuantity(mustLoad(a.file), a.quantity);
    expect(compareTol(got?.value, a.value, a.tolerance)).toBeUndefined();
  });
});

describe('OUTCAR details', () => {
  it('reads the INCAR echo with types (not-converged: EDIFFG 0.4E-02, NELM 100, IBRION 2, LDIPOL F)', () => {
    const rec = mustLoad('parsevasp/tests/OUTCAR.not-converged');
    expect(rec.parameters).toMatchObject({ ENCUT: 300, EDIFF: 4e-4, EDIFFG: 4e-3, NELM: 100, NSW: 2, IBRION: 2, ISMEAR: 0, SIGMA: 0.05, ISPIN: 1, LDIPOL: false, IDIPOL: 0, LVHAR: false, LVTOT: false, EFERMI: 0, LORBIT: 0 });
    expect(rec.ng).toEqual([24, 24, 24]);
    expect(rec.ngf).toEqual([48, 48, 48]);
    expect(rec.buildLine).toMatch(/^vasp\.5\.4\.4\.18Apr17-6-g9f103f2a35 \(build Apr {2}9 2020/);
  });
  it('aborted run: incomplete, the crash message and the partial step are reported', () => {
    const rec = mustLoad('pyiron/tests/static/vasp_test_files/full_job_aborted/OUTCAR');
    expect(rec.complete).toBe(false);
    expect(rec.steps.length).toBe(0);
    expect(rec.partialStep?.scfSteps).toBeGreaterThan(1);
    expect(rec.warnings.join('\n')).toMatch(/ZHEGV failed/);
  });
  it('finds the dipole-corrected vacuum levels of VASP ≥ 6.4.3 (synthetic line in a real OUTCAR)', () => {
    const text = readCorpusText('macrodensity/tests/OUTCAR.test');
    const at = text.indexOf(' E-fermi');
    const edited = text.slice(0, at) + '  vacuum level on the upper side and lower side of the slab         8.049         7.778\n' + text.slice(at);
    expect(parseOutcar(edited, { source: 'x' }).vacuumLevels_eV).toEqual({ upper: 8.049, lower: 7.778 });
  });
  it('overflowed energies become NaN with a warning naming the field and line', () => {
    const text = readCorpusText('macrodensity/tests/OUTCAR.test').replace(/(free {2}energy {3}TOTEN {2}=)\s+\S+/, '$1 ****************');
    const rec = parseOutcar(text, { source: 'OUTCAR' });
    expect(rec.steps[0].freeEnergy_eV).toBeNaN();
    expect(rec.warnings.join('\n')).toMatch(/OUTCAR:\d+: TOTEN printed as '\*+' \(Fortran overflow\), read as NaN/);
  });
});

describe('streamed OUTCAR', () => {
  it.each(['rsgrad/tests/OUTCAR_ispin2', 'parsevasp/tests/OUTCAR.unfinished', 'pymatgen-core/test-files/io/vasp/outputs/OUTCAR.NiO_SOC.gz'])(
    '%s: chunks of any size (lines split across chunks, CRLF) give the same record as the whole text',
    async (rel) => {
      const text = readCorpusText(rel);
      const whole = parseOutcar(text, { source: 'OUTCAR' });
      for (const size of [1000, 65536]) {
        const bytes = new TextEncoder().encode(text.replaceAll('\n', '\r\n'));
        async function* chunks() {
          for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
        }
        const streamed = await parseOutcarStream(chunks(), { source: 'OUTCAR' });
        expect(streamed.steps.map((s) => [s.energySigma0_eV, s.scfSteps, s.forces_eVPerA && Array.from(s.forces_eVPerA)])).toEqual(
          whole.steps.map((s) => [s.energySigma0_eV, s.scfSteps, s.forces_eVPerA && Array.from(s.forces_eVPerA)]),
        );
        expect(streamed.parameters).toEqual(whole.parameters);
        expect(streamed.efermiAll_eV).toEqual(whole.efermiAll_eV);
        expect(streamed.complete).toBe(whole.complete);
      }
    },
  );
});

describe('corrupt OUTCAR headers', () => {
  const text = readCorpusText('rsgrad/tests/OUTCAR_ispin2');
  it('a huge NIONS allocates nothing: the short force table is reported and its forces are not used', () => {
    const rec = parseOutcar(text.replace(/NIONS =\s+3/, 'NIONS = 2147483647'), { source: 'OUTCAR' });
    expect(rec.steps.every((s) => s.forces_eVPerA === undefined)).toBe(true);
    expect(rec.warnings.join('\n')).toMatch(/POSITION\/TOTAL-FORCE table has 3 rows but NIONS = 2147483647; forces not used/);
  });
  it('NIONS = 0 is a ParseError naming the line', () => {
    expect(() => parseOutcar(text.replace(/NIONS =\s+3/, 'NIONS = 0'), { source: 'OUTCAR' })).toThrow(/^OUTCAR:\d+: NIONS = 0: expected a positive number of ions$/);
  });
  it('E-fermi printed as 1e999 is NaN with a warning, never Infinity', () => {
    const rec = parseOutcar(text.replace(/E-fermi :\s+\S+/, 'E-fermi : 1e999'), { source: 'OUTCAR' });
    expect(rec.efermiAll_eV[0]).toBeNaN();
    expect(rec.warnings.join('\n')).toMatch(/E-fermi '1e999' is not a finite number, read as NaN/);
  });
});

describe("stepDetail 'last'", () => {
  it.each(OUTCAR_FILES.filter((f) => !f.includes('without_nions') && !f.includes('crashed')))('%s: the same record but the middle steps’ tables', (rel) => {
    const all = load(rel);
    if (all instanceof Error) return;
    const last = parseOutcar(readCorpusText(rel), { source: rel.split('/').pop() ?? rel, stepDetail: 'last' });
    const n = all.steps.length;
    const light = all.steps.map((s, i) => {
      if (i === 0 || i === n - 1) return s;
      const { positions_A: _p, forces_eVPerA: _f, lattice_A: _l, ...rest } = s;
      return rest;
    });
    expect(last).toEqual({ ...all, steps: light });
  });
});
