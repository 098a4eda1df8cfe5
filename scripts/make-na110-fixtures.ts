/**
 * Builds fixtures/na110 and fixtures/na110-o2: run folders of a Na(110) slab (clean, and with O₂ on the top face and
 * a dipole correction) whose LOCPOTs hold a documented MODEL potential (scripts/na110-model.ts) with the vacuum
 * levels set so that Φ = 2.83 eV (clean) and 2.90 / 2.86 eV (O₂ face / clean face, average 2.88 eV).
 * Deterministic: the same bytes on every run. Usage: node dist/scripts/make-na110-fixtures.js [OUT_DIR]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatPoscar } from '../src/io/poscar.js';
import { formatVolumetric } from '../src/io/volumetric-writer.js';
import { CASES, GRID, slabCentre, na110Potential, na110Structure, type Na110Case } from './na110-model.js';
import { formatOutcar } from './na110-outcar.js';
import { formatVasprun } from './na110-vasprun.js';

const GZIP_ABOVE_BYTES = 200_000;

function incar(c: Na110Case): string {
  const com = slabCentre(na110Structure(c));
  return [
    `SYSTEM = ${c.withO2 ? 'Na110_O2' : 'Na110'}`,
    'PREC = Accurate', 'ENCUT = 400', 'EDIFF = 1E-6', 'ISMEAR = 1', 'SIGMA = 0.1',
    'NSW = 0', 'IBRION = -1      ! static run on the relaxed slab (bottom two layers were fixed)',
    'LVHAR = .TRUE.   ! electrostatic potential in LOCPOT (no V_xc)', 'LWAVE = .FALSE.',
    ...(c.withO2 ? ['LDIPOL = .TRUE.', 'IDIPOL = 3', `DIPOL = ${com.map((x) => x.toFixed(6)).join(' ')}`] : []),
    '',
  ].join('\n');
}

const KPOINTS = 'Automatic mesh\n0\nMonkhorst-Pack\n  8  8  1\n  0  0  0\n';

/** Writes one run folder `outDir/<case name>/`; returns one line per file written. */
export function buildCase(c: Na110Case, outDir: string): string[] {
  const dir = join(outDir, c.name);
  mkdirSync(dir, { recursive: true });
  const structure = na110Structure(c);
  const locpot = [...formatVolumetric({
    kind: 'LOCPOT',
    structure,
    blocks: [{ dims: GRID, values: na110Potential(c, structure), trailer: '' }],
  })].join('');
  const files: [string, string | Uint8Array][] = [
    ['INCAR', incar(c)],
    ['KPOINTS', KPOINTS],
    ['POSCAR', formatPoscar(structure)],
    ['CONTCAR', formatPoscar(structure)],
    ['OUTCAR', formatOutcar(c, structure)],
    ['vasprun.xml', formatVasprun(c, structure)],
    locpot.length > GZIP_ABOVE_BYTES ? ['LOCPOT.gz', gzipSync(locpot, { level: 9 })] : ['LOCPOT', locpot],
  ];
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  return files.map(([name, content]) => `${join(dir, name)} (${content.length} bytes)`);
}

/** Writes both run folders under `outDir`; returns one line per file written. */
export function buildAll(outDir: string): string[] {
  return CASES.flatMap((c) => buildCase(c, outDir));
}

// Run only when executed (tests import buildAll and write to a temporary folder).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of buildAll(process.argv[2] ?? 'fixtures')) console.log(line);
}
