/**
 * Real run folders to replicate into campaigns (batch tests, the batch benchmark): corpus runs with both a
 * vasprun.xml and an OUTCAR — a static Si run, an adsorbate relaxation, an Fe monomer, a SCAN relaxation, a run
 * aborted mid-way — and the two Na(110) fixture folders, which carry a LOCPOT (so a snapshot holds a work function).
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface RunSource {
  readonly name: string;
  readonly dir: string;
  /** Files to copy; all of the folder's when absent. */
  readonly files?: readonly string[];
}

/** The sources, given the repository root and the shared corpus folder (both ending in '/'). */
export function corpusRunSources(repoRoot: string, corpusDir: string): readonly RunSource[] {
  return [
    { name: 'na110', dir: `${repoRoot}fixtures/na110` },
    { name: 'na110-o2', dir: `${repoRoot}fixtures/na110-o2` },
    { name: 'si-static', dir: `${corpusDir}atomate/atomate/vasp/test_files/Si_static/outputs`, files: ['OUTCAR.gz', 'vasprun.xml.gz', 'CONTCAR.gz'] },
    { name: 'adsorbate', dir: `${corpusDir}atomate/atomate/vasp/test_files/adsorbate_wf/2/outputs` },
    { name: 'fe-monomer', dir: `${corpusDir}more/pymatgen-core/test-files/io/vasp/fixtures/fe_monomer` },
    { name: 'scan-relax', dir: `${corpusDir}more/pymatgen-core/test-files/io/vasp/fixtures/scan_relaxation` },
    { name: 'aborted', dir: `${corpusDir}pyiron/tests/static/vasp_test_files/full_job_aborted` },
  ];
}

/** Copies a source run into a new folder `dst`. */
export function copyRunSource(src: RunSource, dst: string): void {
  mkdirSync(dst, { recursive: true });
  for (const f of src.files ?? readdirSync(src.dir)) copyFileSync(join(src.dir, f), join(dst, f));
}
