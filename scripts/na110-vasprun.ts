/**
 * vasprun.xml text for the Na(110) model runs in VASP 5.4.4's layout: generator, incar, kpoints, the parameter
 * separators a reader consults (electronic, spin, dipole correction, grids, ionic, dos, writing), atominfo, initial
 * structure with selective-dynamics flags, one <calculation> (SCF steps, structure, forces, stress, energy,
 * <dos> with efermi and a small total DOS), final structure. Model numbers, not VASP output.
 */
import { atomCount, atomSymbols, type Structure } from '../src/core/structure.js';
import { cellVolume, reciprocalLattice } from '../src/core/lattice.js';
import { GRID, slabCentre, type Na110Case } from './na110-model.js';
import { modelForces, scfEnergies } from './na110-outcar.js';

const num = (x: number, w = 16, d = 8) => x.toFixed(d).padStart(w);
const i = (type: string | undefined, name: string, value: string) =>
  `<i${type ? ` type="${type}"` : ''} name="${name}">${value}</i>`;
const logical = (name: string, v: boolean) => i('logical', name, ` ${v ? 'T' : 'F'}  `);
const int = (name: string, v: number) => i('int', name, String(v).padStart(6));
const real = (name: string, v: number) => i(undefined, name, num(v));

/** The whole vasprun.xml text of one model run. */
export function formatVasprun(c: Na110Case, s: Structure): string {
  const o2 = c.withO2;
  const com = slabCentre(s);
  const out: string[] = [
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
    '<modeling>',
    ' <generator>',
    '  <i name="program" type="string">vasp </i>',
    '  <i name="version" type="string">5.4.4.18Apr17-6-g9f103f2a35 </i>',
    '  <i name="subversion" type="string">18Apr17 (build Mar 12 2020 10:21:33) complex                          parallel </i>',
    '  <i name="platform" type="string">LinuxIFC </i>',
    '  <i name="date" type="string">2021 06 14 </i>',
    '  <i name="time" type="string">10:02:11 </i>',
    ' </generator>',
    ' <incar>',
    ...[
      i('string', 'SYSTEM', o2 ? 'Na110_O2' : 'Na110'), i('string', 'PREC', 'accurate'), real('ENCUT', 400), real('EDIFF', 1e-6),
      int('NSW', 0), int('IBRION', -1), int('ISMEAR', 1), real('SIGMA', 0.1), logical('LVHAR', true), logical('LWAVE', false),
      ...(o2 ? [logical('LDIPOL', true), int('IDIPOL', 3), `<v name="DIPOL">${com.map((x) => num(x, 17)).join('')}</v>`] : []),
    ].map((l) => `  ${l}`),
    ' </incar>',
    ' <kpoints>',
    '  <generation param="Monkhorst-Pack">',
    '   <v type="int" name="divisions">       8        8        1 </v>',
    '   <v name="usershift">      0.00000000       0.00000000       0.00000000 </v>',
    '  </generation>',
    ' </kpoints>',
    ' <parameters>',
    ...separator('electronic', [real('ENMAX', 400), real('EDIFF', 1e-6), int('NBANDS', o2 ? 40 : 32), real('NELECT', 49 + (o2 ? 12 : 0))]),
    ...separator('electronic smearing', [int('ISMEAR', 1), real('SIGMA', 0.1)]),
    ...separator('electronic spin', [int('ISPIN', 1), logical('LNONCOLLINEAR', false)]),
    ...separator('electronic dipolcorrection', [logical('LDIPOL', o2), logical('LMONO', false), int('IDIPOL', o2 ? 3 : 0),
      real('EPSILON', 1), `<v name="DIPOL">${(o2 ? com : [-100, -100, -100]).map((x) => num(x, 17)).join('')}</v>`]),
    ...separator('grids', [int('NGX', GRID[0] / 2), int('NGY', GRID[1] / 2), int('NGZ', GRID[2] / 2), int('NGXF', GRID[0]), int('NGYF', GRID[1]), int('NGZF', GRID[2])]),
    ...separator('ionic', [int('NSW', 0), int('IBRION', -1), int('ISIF', 2), real('EDIFFG', -0.02)]),
    ...separator('dos', [int('NEDOS', 301), real('EFERMI', 0)]),
    ...separator('writing', [logical('LWAVE', false), logical('LCHARG', true), logical('LVTOT', false), logical('LVHAR', true)]),
    ' </parameters>',
    ...atominfo(s),
    ...structure(s, 'initialpos', true),
    ...calculation(c, s),
    ...structure(s, 'finalpos', false),
    '</modeling>',
  ];
  return out.join('\n') + '\n';
}

function separator(name: string, items: string[]): string[] {
  return [`  <separator name="${name}" >`, ...items.map((l) => `   ${l}`), '  </separator>'];
}

function atominfo(s: Structure): string[] {
  const symbols = atomSymbols(s);
  const pp: Record<string, [number, number, string]> = { Na: [22.99, 7, 'PAW_PBE Na_pv 19Sep2006'], O: [16, 6, 'PAW_PBE O 08Apr2002'] };
  return [
    ' <atominfo>', `  <atoms>${String(atomCount(s)).padStart(8)} </atoms>`, `  <types>${String(s.species.length).padStart(8)} </types>`,
    '  <array name="atoms" >', '   <dimension dim="1">ion</dimension>', '   <field type="string">element</field>',
    '   <field type="int">atomtype</field>', '   <set>',
    ...symbols.map((el) => `    <rc><c>${el.padEnd(2)}</c><c>${String(s.species.indexOf(el) + 1).padStart(4)}</c></rc>`),
    '   </set>', '  </array>',
    '  <array name="atomtypes" >', '   <dimension dim="1">type</dimension>', '   <field type="int">atomspertype</field>',
    '   <field type="string">element</field>', '   <field>mass</field>', '   <field>valence</field>',
    '   <field type="string">pseudopotential</field>', '   <set>',
    ...s.species.map((el, t) => `    <rc><c>${String(s.counts[t]).padStart(4)}</c><c>${el.padEnd(2)}</c><c>${num(pp[el][0])}</c><c>${num(pp[el][1])}</c><c>  ${pp[el][2].padEnd(38)}</c></rc>`),
    '   </set>', '  </array>', ' </atominfo>',
  ];
}

function structure(s: Structure, name: string | undefined, selective: boolean, indent = ' '): string[] {
  const rec = reciprocalLattice(s.lattice);
  const v = (row: readonly number[]) => `${indent}   <v>${row.map((x) => num(x, 17)).join('')} </v>`;
  const out = [`${indent}<structure${name ? ` name="${name}" ` : ''}>`, `${indent} <crystal>`, `${indent}  <varray name="basis" >`,
    ...s.lattice.map(v), `${indent}  </varray>`, `${indent}  <i name="volume">${num(cellVolume(s.lattice))} </i>`,
    `${indent}  <varray name="rec_basis" >`, ...rec.map(v), `${indent}  </varray>`, `${indent} </crystal>`,
    `${indent} <varray name="positions" >`];
  for (let a = 0; a < atomCount(s); a++) out.push(v([s.frac[3 * a], s.frac[3 * a + 1], s.frac[3 * a + 2]]).replace('   <v>', '  <v>'));
  out.push(`${indent} </varray>`);
  if (selective && s.selectiveDynamics) {
    out.push(`${indent} <varray type="logical" name="selective" >`);
    for (let a = 0; a < atomCount(s); a++) {
      out.push(`${indent}  <v type="logical" >${[0, 1, 2].map((d) => (s.selectiveDynamics![3 * a + d] ? ' T ' : ' F ')).join('')}</v>`);
    }
    out.push(`${indent} </varray>`);
  }
  out.push(`${indent}</structure>`);
  return out;
}

function energy(e: number, pad: string): string[] {
  return [`${pad}<energy>`, `${pad} <i name="e_fr_energy">${num(e)} </i>`, `${pad} <i name="e_wo_entrp">${num(e + 0.00404191)} </i>`,
    `${pad} <i name="e_0_energy">${num(e + 0.00202096)} </i>`, `${pad}</energy>`];
}

function calculation(c: Na110Case, s: Structure): string[] {
  const forces = modelForces(s);
  const out = [' <calculation>'];
  for (const e of scfEnergies(c.toten_eV)) out.push('  <scstep>', ...energy(e, '   '), '  </scstep>');
  out.push(...structure(s, undefined, false, '  '));
  out.push('  <varray name="forces" >');
  for (let a = 0; a < atomCount(s); a++) out.push(`   <v>${[0, 1, 2].map((d) => num(forces[3 * a + d], 17)).join('')} </v>`);
  out.push('  </varray>', '  <varray name="stress" >',
    '   <v>      -1.21034412       0.00000000       0.00000000 </v>',
    '   <v>       0.00000000      -1.21034412       0.00000000 </v>',
    '   <v>       0.00000000       0.00000000       0.48812290 </v>', '  </varray>');
  // VASP 5 writes the step-level block with shifted labels (e_wo_entrp holds σ→0); kept as a real run gives it
  out.push('  <energy>', `   <i name="e_fr_energy">${num(c.toten_eV)} </i>`, `   <i name="e_wo_entrp">${num(c.toten_eV + 0.00202096)} </i>`,
    `   <i name="e_0_energy">${num(-0.00404191)} </i>`, '  </energy>');
  out.push(...dos(c));
  out.push(' </calculation>');
  return out;
}

/** <dos> with E_F and a free-electron-like total DOS on 51 points (small; real runs use NEDOS = 301). */
function dos(c: Na110Case): string[] {
  const out = ['  <dos>', `   <i name="efermi">${num(c.efermi_eV)} </i>`, '   <total>', '    <array>',
    '     <dimension dim="1">gridpoints</dimension>', '     <dimension dim="2">spin</dimension>',
    '     <field>energy</field>', '     <field>total</field>', '     <field>integrated</field>', '     <set>', '      <set comment="spin 1">'];
  const bottom = c.efermi_eV - 3.2; // Na 3s band bottom ≈ 3.2 eV below E_F
  let integrated = 0;
  for (let k = 0; k < 51; k++) {
    const e = c.efermi_eV - 6 + (k * 10) / 50;
    const d = e > bottom ? 1.05 * Math.sqrt(e - bottom) : 0;
    integrated += d * 0.2;
    out.push(`       <r>${num(e, 10, 4)}${num(d, 10, 4)}${num(integrated, 10, 4)} </r>`);
  }
  out.push('      </set>', '     </set>', '    </array>', '   </total>', '  </dos>');
  return out;
}
