/**
 * Run by test/package/consumer.test.ts inside a fresh project that installed the packed vpost: every job through
 * 'vpost', the readers through 'vpost/browser', a schema through 'vpost/schemas/*' and the CLI through the package's
 * bin, against answers known independently of vpost (fixtures/README.md; closed-form Gaussian masses).
 */
import { spawnSync } from 'node:child_process';
import { readFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
  workFunctionOfRun, summarizeRun, chargeDifference, sumDensities, combineGrids, volumetricInfo, planarProfile,
  snapshotRun, snapshotRuns, checkRun, checkRuns, viewerPage, documentOf, runCli, failureOf, VPOST_VERSION, InputError,
  type CliIO,
} from 'vpost';
import { parseVolumetric, parsePoscar, fieldFromRecord, planarAverage, formula, jsonSchemaOf, BOHR_A } from 'vpost/browser';

let passed = 0;
let failed = 0;
function check(what: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else {
    failed++;
    console.log(`FAIL ${what} ${detail}`);
  }
}
const near = (what: string, x: number | null | undefined, want: number, tol: number) => check(what, typeof x === 'number' && Math.abs(x - want) <= tol, `${x} vs ${want} ± ${tol}`);

// --- the work function of the model slabs (fixtures/README.md): exact by construction
const clean = await workFunctionOfRun('fixtures/na110');
near('clean Φ average', clean.workfunction_average_eV, 2.83, 5e-4);
clean.faces.forEach((f) => near(`clean Φ ${f.face}`, f.workfunction_eV, 2.83, 5e-4));
const o2 = await workFunctionOfRun('fixtures/na110-o2');
near('O2 Φ top', o2.faces.find((f) => f.face === 'top')?.workfunction_eV, 2.9, 5e-4);
near('O2 Φ bottom', o2.faces.find((f) => f.face === 'bottom')?.workfunction_eV, 2.86, 5e-4);
near('O2 Φ average', o2.workfunction_average_eV, 2.88, 5e-4);

// --- summary: E_F as written in the model run's vasprun.xml
const run = await summarizeRun('fixtures/na110');
near('E_F', run.efermi_eV, -0.8959, 1e-9);
check('E_F source', run.efermi_source === 'vasprun', String(run.efermi_source));

// --- charge difference: Δρ = δ = 0.8 g(O; 0.55 Å) − 0.4 [g(Na1; 0.60) + g(Na2; 0.60)], Na1/2 at 2.115 Å from O
const na = 'fixtures/na-o-interstitial/';
const out = await mkdtemp(join(tmpdir(), 'vpost-checks-'));
const d = await chargeDifference(`${na}Na16O.CHGCAR.gz`, [`${na}Na16.CHGCAR.gz`, `${na}O.CHGCAR.gz`], {
  spheres: [{ species: 'O', radius_A: 1.6 }], output: join(out, 'drho.cube'),
});
near('∫Δρ', d.net_e, 0, 1e-4);
near('gained + lost = net', (d.gained_e ?? NaN) + (d.lost_e ?? NaN), d.net_e ?? NaN, 1e-12);
const erf = (x: number) => { // Numerical Recipes' erfc fit (relative error < 1.2e-7), reflected for x < 0
  const t = 1 / (1 + 0.5 * Math.abs(x));
  const y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
    + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? y : -y;
};
const centred = (r: number, s: number) => erf(r / (s * Math.SQRT2)) - Math.sqrt(2 / Math.PI) * (r / s) * Math.exp(-(r * r) / (2 * s * s));
const offset = (r: number, s: number, dist: number) => 0.5 * (erf((r - dist) / (s * Math.SQRT2)) + erf((r + dist) / (s * Math.SQRT2)))
  - (s / (dist * Math.sqrt(2 * Math.PI))) * (Math.exp(-((r - dist) ** 2) / (2 * s * s)) - Math.exp(-((r + dist) ** 2) / (2 * s * s)));
const sphere = 0.8 * centred(1.6, 0.55) - 0.8 * offset(1.6, 0.6, 2.115); // 0.6765 e; the 0.26 Å grid gives it to 0.5 %
near('Δρ within 1.6 Å of O', d.spheres[0].charge_e / sphere, 1, 0.006);

const sum = await sumDensities([`${na}Na16.CHGCAR.gz`, `${na}O.CHGCAR.gz`], { output: join(out, 'sum.vasp') });
near('Na16 + O electrons', (await volumetricInfo(join(out, 'sum.vasp'))).blocks[0].integrated_e, 118, 1e-3);
check('sum has a density maximum', (sum.max_e_per_A3 ?? 0) > 0);
const dv = await combineGrids([{ path: 'fixtures/na110-o2/LOCPOT.gz', weight: 1 }, { path: 'fixtures/na110/LOCPOT.gz', weight: -1 }]);
// the models differ by the O wells (−20 eV) and lower vacuum levels; inside the slab they are the same
near('max of V(O2) − V(clean)', dv.max_eV, 0, 1e-3);
check('the O wells in V(O2) − V(clean)', (dv.min_eV ?? 0) < -5, String(dv.min_eV));

// --- file facts
const info = await volumetricInfo(`${na}Na16O.CHGCAR.gz`);
check('grid', JSON.stringify(info.grid) === '[32,32,32]', JSON.stringify(info.grid));
near('Na16O electrons', info.blocks[0].integrated_e, 118, 1e-3);
check('fixed atoms', (await volumetricInfo('fixtures/na110/CONTCAR')).n_fixed_atoms === 2);

// --- planar average: the model's vacuum level, and the same numbers from bytes through vpost/browser
const p = await planarProfile('fixtures/na110/LOCPOT.gz', { axis: 2, macroWindow_A: 2.97 });
near('V_vac of the clean model', Math.max(...(p.planar_average_eV ?? [])), 1.9341, 1e-3);
const locpot = parseVolumetric(gunzipSync(await readFile('fixtures/na110/LOCPOT.gz')), { source: 'LOCPOT' });
const inBrowser = planarAverage(fieldFromRecord(locpot, 0), 2).values;
check('browser planar average = job planar average', JSON.stringify(Array.from(inBrowser)) === JSON.stringify(p.planar_average_eV));
check('browser POSCAR', formula(parsePoscar(await readFile('fixtures/na110/CONTCAR', 'latin1'), { source: 'CONTCAR' })) === 'Na7');
near('Bohr radius', BOHR_A, 0.529177, 1e-6);

// --- regression checks, in process and on worker threads (the package's dist/src workers)
const ref = await snapshotRun('fixtures/na110');
check('snapshot Φ', ref.workfunction?.faces.every((f) => Math.abs((f.workfunction_eV ?? NaN) - 2.83) < 5e-4) === true);
check('snapshot says which vpost wrote it', ref.vpost_version === VPOST_VERSION);
check('check against itself', (await checkRun('fixtures/na110', ref)).check?.verdict === 'pass');
const many = await snapshotRuns(['fixtures/na110', 'fixtures/na110-o2'], { jobs: 2 });
check('snapshots on workers', many.every((o) => o.snapshot && !o.failure), JSON.stringify(many.map((o) => o.failure)));
const refO2 = many[1].snapshot!;
const checked = await checkRuns(['fixtures/na110-o2'], refO2);
check('O2 run passes its own reference', checked[0].check?.verdict === 'pass');
const crossed = await checkRun('fixtures/na110', refO2);
check('clean run against the O2 reference does not pass', crossed.check?.verdict !== 'pass', String(crossed.check?.verdict));

// --- viewer page, documents, errors, the in-process CLI
const page = await viewerPage([join(out, 'drho.cube')], { iso: 1.5e-3, output: join(out, 'drho.html') });
check('viewer page', page.page_bytes > 100_000 && (await readFile(join(out, 'drho.html'), 'utf8')).startsWith('<!doctype html'), String(page.page_bytes));
const doc = documentOf('vpost-workfunction', { runs: [clean] });
check('document header', doc.schema === 'vpost-workfunction/2' && doc.vpost_version === VPOST_VERSION, String(doc.schema));
check('failureOf', failureOf(new InputError('x')).code === 1);
let printed = '';
const io: CliIO = { out: (t) => void (printed += t), err: () => undefined, isTTY: false };
check('runCli --version', (await runCli(['--version'], io)) === 0 && printed === `${VPOST_VERSION}\n`, printed);

// --- the shipped JSON Schemas, as files and as the library builds them
const schemaFile = fileURLToPath(import.meta.resolve('vpost/schemas/workfunction.schema.json'));
const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as Record<string, unknown>;
check('schema file = jsonSchemaOf', JSON.stringify(schema) === JSON.stringify(jsonSchemaOf('vpost-workfunction')));
const installed = JSON.parse(await readFile(fileURLToPath(import.meta.resolve('vpost/package.json')), 'utf8')) as { version: string };
check('VPOST_VERSION = package version', installed.version === VPOST_VERSION);

// --- the CLI through the package's bin (the bundled dist/cli)
const bin = (...args: string[]) => spawnSync(process.execPath, ['node_modules/vpost/bin/vpost.js', ...args], { encoding: 'utf8' });
check('bin --version', bin('--version').stdout === `${VPOST_VERSION}\n`);
const cli = bin('workfunction', 'fixtures/na110-o2', '--json');
const cliRun = JSON.parse(cli.stdout || '{"runs":[{}]}').runs[0] as { workfunction_average_eV?: number };
near('bin workfunction --json', cliRun.workfunction_average_eV, 2.88, 5e-4);
check('bin usage error exits 2', bin('info', '--bogus').status === 2);

console.log(`consumer checks: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
