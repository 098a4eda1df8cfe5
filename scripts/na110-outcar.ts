/**
 * OUTCAR text for the Na(110) model runs, in VASP 5.4.4's layout (header, POTCAR lines, array dimensions, the
 * 'Startparameter' echo with the write flags and dipole section, lattice, SCF iterations, E-fermi, forces, final
 * energies, timing footer). Only the lines a reader needs are written; every number is a model number.
 */
import { atomCartesian, atomCount, type Structure } from '../src/core/structure.js';
import { cellVolume, reciprocalLattice } from '../src/core/lattice.js';
import { GRID, type Na110Case } from './na110-model.js';

const DASH = '-'.repeat(104);
const f = (x: number, w: number, d: number) => x.toFixed(d).padStart(w);

/** Deterministic model forces (eV/Å): larger on the fixed bottom layers, small on relaxed atoms. */
export function modelForces(s: Structure): Float64Array {
  const n = atomCount(s);
  const out = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const fixed = s.selectiveDynamics?.[3 * i] === 0;
    const sign = i % 2 ? -1 : 1;
    out[3 * i] = 0;
    out[3 * i + 1] = 0;
    out[3 * i + 2] = fixed ? sign * (0.041 + 0.003 * i) : sign * 0.004 * ((i % 3) + 1);
  }
  return out;
}

/** SCF energies converging to TOTEN (model sequence). */
export function scfEnergies(toten: number): number[] {
  return [152.31871204, 11.08744513, -3.88102911, toten + 0.21734581, toten + 0.00431286, toten + 0.00002137, toten];
}

/** The whole OUTCAR text of one model run. */
export function formatOutcar(c: Na110Case, s: Structure): string {
  const nelect = 7 * 7 + (c.withO2 ? 12 : 0);
  return [
    ...headerLines(c, s),
    ...parameterEcho(c, nelect),
    DASH, '', '',
    ...latticeBlock(s),
    ...scfBlock(c),
    ...forcesBlock(s),
    ...finalEnergy(c),
    '', '',
    ' General timing and accounting informations for this job:',
    ' ========================================================',
    '  ',
    `                  Total CPU time used (sec):      ${c.withO2 ? '812.331' : '604.118'}`,
    `                         Elapsed time (sec):      ${c.withO2 ? '821.907' : '611.452'}`,
    '',
  ].join('\n');
}

/** Version line, POTCAR lines, array dimensions. */
function headerLines(c: Na110Case, s: Structure): string[] {
  const o2 = c.withO2;
  const n = atomCount(s);
  return [
    ' vasp.5.4.4.18Apr17-6-g9f103f2a35 (build Mar 12 2020 10:21:33) complex          ',
    '  ',
    ' executed on             LinuxIFC date 2021.06.14  10:02:11',
    ' running on   32 total cores',
    ' distrk:  each k-point on   32 cores,    1 groups',
    ' distr:  one band on NCORES_PER_BAND=   8 cores,    4 groups',
    '', '', DASH, '', '',
    ' INCAR:',
    ' POTCAR:    PAW_PBE Na_pv 19Sep2006               ',
    ...(o2 ? [' POTCAR:    PAW_PBE O 08Apr2002                   '] : []),
    '',
    ' POTCAR:    PAW_PBE Na_pv 19Sep2006               ',
    '   VRHFIN =Na: 2p3s                                                             ',
    '   TITEL  = PAW_PBE Na_pv 19Sep2006                                             ',
    '   POMASS =   22.990; ZVAL   =    7.000    mass and valenz                      ',
    ...(o2 ? [
      ' POTCAR:    PAW_PBE O 08Apr2002                   ',
      '   VRHFIN =O: s2p4                                                              ',
      '   TITEL  = PAW_PBE O 08Apr2002                                                 ',
      '   POMASS =   16.000; ZVAL   =    6.000    mass and valenz                      ',
    ] : []),
    '', ` POSCAR: ${s.comment}`, '  positions in direct lattice', '', DASH, '', '',
    ' Dimension of arrays:',
    `   k-points           NKPTS =     21   k-points in BZ     NKDIM =     21   number of bands    NBANDS=     ${o2 ? 40 : 32}`,
    `   number of dos      NEDOS =    301   number of ions     NIONS =${String(n).padStart(6)}`,
    `   total plane-waves  NPLWV = ${String(GRID[0] * GRID[1] * GRID[2] / 8).padStart(6)}`,
    `   dimension x,y,z NGX =${f(GRID[0] / 2, 6, 0)} NGY =${f(GRID[1] / 2, 5, 0)} NGZ =${f(GRID[2] / 2, 5, 0)}`,
    `   dimension x,y,z NGXF=${f(GRID[0], 6, 0)} NGYF=${f(GRID[1], 5, 0)} NGZF=${f(GRID[2], 5, 0)}`,
    `   support grid    NGXF=${f(GRID[0], 6, 0)} NGYF=${f(GRID[1], 5, 0)} NGZF=${f(GRID[2], 5, 0)}`,
    `   ions per type =          ${s.counts.map((x) => String(x).padStart(4)).join('')}`,
    '',
    ` SYSTEM =  ${o2 ? 'Na110_O2' : 'Na110'}`,
    ` POSCAR =  ${s.comment}`,
    '',
  ];
}

function parameterEcho(c: Na110Case, nelect: number): string[] {
  return [
    ' Startparameter for this run:',
    '   NWRITE =      2    write-flag & timer',
    '   PREC   = accura    normal or accurate (medium, high low for compatibility)',
    '   ISTART =      0    job   : 0-new  1-cont  2-samecut',
    '   ICHARG =      2    charge: 1-file 2-atom 10-const',
    '   ISPIN  =      1    spin polarized calculation?',
    '',
    ' Electronic Relaxation 1',
    '   ENCUT  =  400.0 eV  29.40 Ry    5.42 a.u.  ',
    '   NELM   =    100;   NELMIN=  4; NELMDL= -5     # of ELM steps ',
    '   EDIFF  = 0.1E-05   stopping-criterion for ELM',
    ' Ionic relaxation',
    '   EDIFFG = -.2E-01   stopping-criterion for IOM',
    '   NSW    =      0    number of steps for IOM',
    '   IBRION =     -1    ionic relax: 0-MD 1-quasi-New 2-CG',
    '   ISIF   =      2    stress and relaxation',
    `   NELECT =      ${nelect.toFixed(4)}    total number of electrons`,
    '',
    ' DOS related values:',
    '   EMIN   =  10.00;   EMAX   =-10.00  energy-range for DOS',
    '   EFERMI =   0.00',
    '   ISMEAR =     1;   SIGMA  =   0.10  broadening in eV -4-tet -1-fermi 0-gaus',
    '',
    ' Write flags',
    '   LWAVE        =      F    write WAVECAR',
    '   LCHARG       =      T    write CHGCAR',
    '   LVTOT        =      F    write LOCPOT, total local potential',
    '   LVHAR        =      T    write LOCPOT, Hartree potential only',
    '   LELF         =      F    write electronic localiz. function (ELF)',
    '',
    '',
    ' Dipole corrections',
    '   LMONO  =      F    monopole corrections only (constant potential shift)',
    `   LDIPOL =      ${c.withO2 ? 'T' : 'F'}    correct potential (dipole corrections)`,
    `   IDIPOL =      ${c.withO2 ? 3 : 0}    1-x, 2-y, 3-z, 4-all directions `,
    '   EPSILON=  1.0000000 bulk dielectric constant',
  ];
}

function latticeBlock(s: Structure): string[] {
  const rec = reciprocalLattice(s.lattice);
  const out = ['  energy-cutoff  :      400.00', `  volume of cell :${f(cellVolume(s.lattice), 12, 2)}`,
    '      direct lattice vectors                 reciprocal lattice vectors'];
  for (let r = 0; r < 3; r++) out.push(`   ${s.lattice[r].map((x) => f(x, 13, 9)).join('')}  ${rec[r].map((x) => f(x, 13, 9)).join('')}`);
  out.push('', ' position of ions in fractional coordinates (direct lattice) ');
  for (let i = 0; i < atomCount(s); i++) out.push(`  ${[0, 1, 2].map((d) => f(s.frac[3 * i + d], 11, 8)).join(' ')}`);
  out.push('', ' position of ions in cartesian coordinates  (Angst):');
  for (let i = 0; i < atomCount(s); i++) out.push(`  ${atomCartesian(s, i).map((x) => f(x, 11, 8)).join(' ')}`);
  out.push('', '');
  return out;
}

function scfBlock(c: Na110Case): string[] {
  const out: string[] = [];
  scfEnergies(c.toten_eV).forEach((e, k) => {
    out.push(`--------------------------------------- Iteration      1(${String(k + 1).padStart(4)})  ---------------------------------------`, '');
    out.push(`  free energy    TOTEN  = ${f(e, 18, 8)} eV`, '');
    out.push(`  energy without entropy = ${f(e + 0.00404191, 17, 8)}  energy(sigma->0) = ${f(e + 0.00202096, 17, 8)}`, '', '');
  });
  out.push(` E-fermi : ${f(c.efermi_eV, 8, 4)}     XC(G=0):  -1.8741     alpha+bet : -0.9932`, '', '');
  return out;
}

function forcesBlock(s: Structure): string[] {
  const forces = modelForces(s);
  const out = [' POSITION                                       TOTAL-FORCE (eV/Angst)',
    ' -----------------------------------------------------------------------------------'];
  for (let i = 0; i < atomCount(s); i++) {
    const r = atomCartesian(s, i);
    out.push(`  ${r.map((x) => f(x, 11, 5)).join('  ')}   ${[0, 1, 2].map((d) => f(forces[3 * i + d], 13, 6)).join('')}`);
  }
  out.push(' -----------------------------------------------------------------------------------',
    '    total drift:                                0.000000      0.000000     -0.000112', '', '', DASH, '', '');
  return out;
}

function finalEnergy(c: Na110Case): string[] {
  return [
    '  FREE ENERGIE OF THE ION-ELECTRON SYSTEM (eV)',
    '  ---------------------------------------------------',
    `  free  energy   TOTEN  = ${f(c.toten_eV, 18, 8)} eV`,
    '',
    `  energy  without entropy= ${f(c.toten_eV + 0.00404191, 17, 8)}  energy(sigma->0) = ${f(c.toten_eV + 0.00202096, 17, 8)}`,
    '',
  ];
}
