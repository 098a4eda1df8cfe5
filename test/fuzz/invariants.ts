/**
 * What a successfully parsed record must satisfy, whatever the input was: the same checks good input passes.
 * Each checker returns undefined when the record is sound, else a one-line description of the first violation.
 */
import { cellVolume } from '../../src/core/lattice.js';
import type { Structure } from '../../src/core/structure.js';
import type { ExchangeGrid } from '../../src/exchange/grid-format.js';
import type { CubeRecord } from '../../src/io/cube.js';
import type { OutcarRecord } from '../../src/io/outcar.js';
import type { VasprunRecord, VasprunStructure } from '../../src/io/vasprun.js';
import { VOLUMETRIC_KINDS, type VolumetricRecord } from '../../src/io/volumetric-record.js';

type Violation = string | undefined;

const product = (d: readonly number[]) => d.reduce((a, b) => a * b, 1);
const positiveInts = (d: readonly number[]) => d.length === 3 && d.every((n) => Number.isInteger(n) && n > 0);

function allFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
}

/** A structure: finite lattice of positive volume, one count per species, 3 finite coordinates per atom. */
export function checkStructure(s: Structure): Violation {
  if (s.lattice.length !== 3 || s.lattice.some((r) => r.length !== 3 || allFinite(r) >= 0)) return 'lattice is not 3 finite rows';
  if (!(cellVolume(s.lattice) > 0)) return `cell volume ${cellVolume(s.lattice)} is not positive`;
  if (s.species.length !== s.counts.length) return `${s.species.length} species for ${s.counts.length} counts`;
  if (s.counts.some((c) => !Number.isInteger(c) || c < 0)) return `bad counts ${s.counts.join(' ')}`;
  const n = s.counts.reduce((a, b) => a + b, 0);
  if (n < 1 || s.frac.length !== 3 * n) return `${s.frac.length / 3} positions for ${n} atoms`;
  const bad = allFinite(s.frac);
  if (bad >= 0) return `coordinate ${bad} is ${s.frac[bad]}`;
  if (s.selectiveDynamics && s.selectiveDynamics.length !== s.frac.length) return 'selective flags do not match positions';
  return undefined;
}

/** A volumetric record: sound structure, ≥ 1 block, each with dims-product values, all finite. */
export function checkVolumetric(r: VolumetricRecord): Violation {
  if (!VOLUMETRIC_KINDS.includes(r.kind)) return `unknown kind ${r.kind}`;
  const s = checkStructure(r.structure);
  if (s) return s;
  if (r.blocks.length === 0) return 'no blocks';
  for (const [i, b] of r.blocks.entries()) {
    if (!positiveInts(b.dims)) return `block ${i + 1} dims ${b.dims.join(' ')}`;
    if (b.values.length !== product(b.dims)) return `block ${i + 1} has ${b.values.length} values for dims ${b.dims.join('×')}`;
    const bad = allFinite(b.values);
    if (bad >= 0) return `block ${i + 1} value ${bad} is ${b.values[bad]}`;
  }
  return undefined;
}

/**
 * Every number reachable in `value` is finite, or NaN when the record carries a warning (an overflow field read
 * as NaN is reported); ±Infinity is never acceptable (a silently wrong number).
 */
export function checkNumbers(value: unknown, warnings: readonly string[], path = ''): Violation {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return undefined;
    if (Number.isNaN(value) && warnings.length > 0) return undefined;
    return `${path} is ${value}${Number.isNaN(value) ? ' without a warning' : ''}`;
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const a = value as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) {
      const v = checkNumbers(a[i], warnings, `${path}[${i}]`);
      if (v) return v;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = checkNumbers(v, warnings, `${path}.${k}`);
      if (bad) return bad;
    }
  }
  return undefined;
}

export function checkOutcar(r: OutcarRecord): Violation {
  if (!Number.isInteger(r.nions) || r.nions < 1) return `nions ${r.nions}`;
  for (const s of r.steps) {
    if (s.positions_A && s.positions_A.length !== 3 * r.nions) return `step ${s.index}: ${s.positions_A.length / 3} positions for ${r.nions} ions`;
    if (s.forces_eVPerA && s.forces_eVPerA.length !== 3 * r.nions) return `step ${s.index}: ${s.forces_eVPerA.length / 3} forces for ${r.nions} ions`;
  }
  for (const d of [r.ng, r.ngf]) if (d && !positiveInts(d)) return `FFT grid ${d.join(' ')}`;
  return checkNumbers(r, r.warnings);
}

function checkVasprunStructure(s: VasprunStructure | undefined, where: string): Violation {
  if (!s) return undefined;
  if (s.lattice_A.length !== 3 || s.lattice_A.some((row) => row.length !== 3)) return `${where}: lattice not 3×3`;
  if (s.frac.length % 3 !== 0) return `${where}: ${s.frac.length} coordinates is not 3 per atom`;
  if (s.selectiveDynamics && s.selectiveDynamics.length !== s.frac.length) return `${where}: selective flags do not match positions`;
  return undefined;
}

export function checkVasprun(r: VasprunRecord): Violation {
  const structures = [['initial', r.initialStructure], ['final', r.finalStructure],
    ...r.calculations.map((c) => [`calculation ${c.index}`, c.structure] as const)] as const;
  for (const [where, s] of structures) {
    const v = checkVasprunStructure(s, where);
    if (v) return v;
  }
  for (const c of r.calculations) {
    const natoms = c.structure ? c.structure.frac.length / 3 : undefined;
    if (c.forces_eVPerA && natoms !== undefined && c.forces_eVPerA.length !== 3 * natoms) {
      return `calculation ${c.index}: ${c.forces_eVPerA.length / 3} forces for ${natoms} atoms`;
    }
    if (c.stress_kB && c.stress_kB.length !== 9) return `calculation ${c.index}: stress has ${c.stress_kB.length} values`;
  }
  const e = r.eigenvalues;
  if (e && e.eigenvalues_eV.length !== e.nspin * e.nkpts * e.nbands) return 'eigenvalue count does not match nspin·nkpts·nbands';
  const dos = r.totalDos;
  if (dos && dos.total.some((t) => t.length !== dos.energies_eV.length)) return 'DOS sets differ in length';
  return checkNumbers(r, r.warnings);
}

export function checkCube(r: CubeRecord): Violation {
  if (!positiveInts(r.dims)) return `dims ${r.dims.join(' ')}`;
  if (r.values.length !== product(r.dims)) return `${r.values.length} values for dims ${r.dims.join('×')}`;
  const bad = allFinite(r.values);
  if (bad >= 0) return `value ${bad} is ${r.values[bad]}`;
  return checkNumbers({ origin: r.origin, voxel: r.voxel, atoms: r.atoms }, []);
}

export function checkGrid(g: ExchangeGrid): Violation {
  if (!positiveInts(g.dims)) return `dims ${g.dims.join(' ')}`;
  if (g.data.length !== product(g.dims)) return `${g.data.length} values for dims ${g.dims.join('×')}`;
  if (g.positions_A.length !== 3 * g.symbols.length) return 'positions do not match atoms';
  const bad = allFinite(g.data);
  if (bad >= 0) return `value ${bad} is ${g.data[bad]}`;
  return checkNumbers({ lattice: g.lattice, positions: g.positions_A }, []);
}
