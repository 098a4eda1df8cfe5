/**
 * The JSON Schema files and the README key table are what src/vocabulary generates (run `npm run schemas` after a
 * vocabulary change), the schemas compile under Ajv's strict 2020-12 mode, and they accept what vpost writes and
 * refuse what it must not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaFiles, withKeyTable } from '../../scripts/write-schemas.js';
import { DOCUMENTS, schemaId, type DocumentName } from '../../src/vocabulary/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { documentProblems, schemaIds, SCHEMA_DIR } from '../helpers/schemas.js';

describe('schema files', () => {
  it('src/schemas holds exactly the generated schemas, byte for byte', () => {
    const files = schemaFiles();
    expect(readdirSync(SCHEMA_DIR).sort()).toEqual([...files.keys()].sort());
    for (const [name, text] of files) expect(readFileSync(join(SCHEMA_DIR, name), 'utf8'), name).toBe(text);
  });

  it('the README key table is the generated one', () => {
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
    expect(withKeyTable(readme)).toBe(readme);
  });

  it('one schema per document, named by its schema id', () => {
    expect(schemaIds()).toEqual((Object.keys(DOCUMENTS) as DocumentName[]).map(schemaId).sort());
  });

  it('refuses an unknown key, a missing key, a wrong unit variant and a wrong enum value', () => {
    const run = { path: 'p', vasprun_path: null, outcar_path: 'OUTCAR', structure_path: null, vasp_version: null, formula: null, n_atoms: 1 };
    const doc = { schema: 'vpost-summary/2', vpost_version: '0', runs: [run] };
    expect(documentProblems(doc).join('\n')).toMatch(/must have required property 'free_energy_eV'/);
    expect(documentProblems({ ...doc, runs: [], extra: 1 }).join('\n')).toMatch(/must NOT have additional properties.*extra/);
    expect(documentProblems({ ...doc, runs: [] })).toEqual([]);
    expect(documentProblems({ ...doc, schema: 'vpost-summary/1' })[0]).toMatch(/no schema named/);
    const block = { block: 1, meaning: 'potential', quantity: 'potential', unit: 'eV', min_eV: -1, max_eV: 1, mean_eV: 0 };
    const info = (b: object) => ({
      schema: 'vpost-info/2', vpost_version: '0',
      files: [{ path: 'f', kind: 'LOCPOT', kind_from: 'name', comment: '', formula: 'Na', n_atoms: 1, species: ['Na'], atom_counts: [1],
        lattice_A: [[1, 0, 0], [0, 1, 0], [0, 0, 1]], cell_lengths_A: [1, 1, 1], cell_angles_deg: [90, 90, 90], cell_volume_A3: 1,
        selective_dynamics: false, n_fixed_atoms: 0, n_partly_fixed_atoms: 0, grid: [2, 2, 2], blocks: [b], warnings: [] }],
    });
    expect(documentProblems(info(block))).toEqual([]);
    expect(documentProblems(info({ ...block, min: -1 })).join('\n')).toMatch(/additional properties/);
    expect(documentProblems(info({ ...block, quantity: 'dens' })).join('\n')).toMatch(/must be equal to one of the allowed values/);
  });
});

describe('every CLI test goes through the validating runCli', () => {
  it('no test file imports runCli from src (test/helpers/cli.ts validates each --json output against its schema)', () => {
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const direct = files(join(REPO_ROOT, 'test')).filter((f) => !f.endsWith(join('helpers', 'cli.ts')))
      .filter((f) => /import \{[^}]*\brunCli\b[^}]*\} from '[^']*src\/(cli\/run-cli|index)\.js'/.test(readFileSync(f, 'utf8')));
    expect(direct).toEqual([]);
  });
});
