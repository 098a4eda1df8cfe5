/** `vpost view` in-process: the self-contained page, its embedded grid, usage errors, and the --serve server. */
import { mkdtempSync, promises as fsp } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { captureIO } from '../../src/cli/io.js';
import { runCli } from '../helpers/cli.js';
import { BOHR3_A3 } from '../../src/core/units.js';
import { readPageGrids } from '../../src/jobs/embed-grid.js';
import { formatCube } from '../../src/io/cube-writer.js';
import { cubeFromField } from '../../src/model/cube-field.js';
import { fieldFromRecord } from '../../src/model/fields.js';
import { FIXTURE_DIMS, HEX_CELL, SIGNED_LOBES, densityRecord, ensureViewerBuilt, lobeField, writeSignedChgcar } from '../helpers/viewer-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'vpost-view-'));
let chgcar = '';

beforeAll(async () => {
  await ensureViewerBuilt();
  chgcar = await writeSignedChgcar(dir);
}, 120_000);

async function embedded(html: string) {
  const settings = JSON.parse(/<script type="application\/json" id="vpost-settings">([^<]*)<\/script>/.exec(html)![1]);
  return { settings, grids: await readPageGrids(html) };
}

describe('vpost view -o', () => {
  it('writes one self-contained page with the grid in e/Å³, the atoms and the isovalue converted from e/Bohr³', async () => {
    const out = join(dir, 'page.html');
    const io = captureIO();
    expect(await runCli(['view', chgcar, '--iso', '1.5e-3', '--units', 'e/bohr3', '-o', out], io)).toBe(0);
    expect(io.stdout).toMatch(/wrote .*page\.html/);
    const html = await fsp.readFile(out, 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'sha256-/);
    const { settings, grids } = await embedded(html);
    expect(settings.iso).toBeCloseTo(1.5e-3 / BOHR3_A3, 15);
    expect(settings.isoUnit).toBe('bohr3');
    expect(grids).toHaveLength(1);
    const g = grids[0].grid;
    expect(g.dims).toEqual([...FIXTURE_DIMS]);
    expect(g.unit).toBe('e/A3');
    expect(g.symbols).toEqual(['Na', 'Na']);
    // atom 1 at fractional (½, ½, ½); the CHGCAR header holds the lattice to 6 decimals
    const expected = [0.5 * 7 - 0.5 * 3.5, 0.5 * 6.0621778264910695, 4.5];
    expected.forEach((x, i) => expect(g.positions_A[i]).toBeCloseTo(x, 5));
    expect(Array.from(g.positions_A.slice(3))).toEqual([0, 0, 0]);
    // the file stores ρ·V with 11 significant digits; the page holds ρ in e/Å³ as float32
    const rho = lobeField(HEX_CELL, FIXTURE_DIMS, SIGNED_LOBES);
    let worst = 0;
    for (let n = 0; n < rho.length; n += 97) worst = Math.max(worst, Math.abs(g.data[n] - rho[n]));
    expect(worst).toBeLessThan(1e-8);
  });

  it('embeds several files, each as its own grid, and prints exact JSON', async () => {
    const second = await writeSignedChgcar(dir, [SIGNED_LOBES[1]], 'CHGCAR_corner');
    const out = join(dir, 'two.html');
    const io = captureIO();
    expect(await runCli(['view', chgcar, second, '-o', out, '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout);
    expect(summary.grids.map((f: { path: string }) => f.path)).toEqual([chgcar, second]);
    expect(summary.grids[0].grid).toEqual([...FIXTURE_DIMS]);
    expect(summary.iso_e_per_A3).toBeUndefined(); // no --iso: the viewer picks one
    expect((await embedded(await fsp.readFile(out, 'utf8'))).grids.map((g) => g.name)).toEqual(['CHGCAR_diff', 'CHGCAR_corner']);
  });

  it('reads a Gaussian cube (Bohr, e/Bohr³) into the same grid in Å and e/Å³', async () => {
    const rho = lobeField(HEX_CELL, FIXTURE_DIMS, SIGNED_LOBES);
    const record = densityRecord('diff', HEX_CELL, FIXTURE_DIMS, rho, { species: ['Na'], counts: [2], frac: [0.5, 0.5, 0.5, 0, 0, 0] });
    const cube = join(dir, 'diff.cube');
    await fsp.writeFile(cube, [...formatCube(cubeFromField(fieldFromRecord(record), record.structure))].join(''));
    const out = join(dir, 'cube.html');
    expect(await runCli(['view', cube, '-o', out], captureIO())).toBe(0);
    const g = (await embedded(await fsp.readFile(out, 'utf8'))).grids[0].grid;
    expect(g.dims).toEqual([...FIXTURE_DIMS]);
    expect(g.unit).toBe('e/A3');
    g.lattice.flat().forEach((x, i) => expect(x).toBeCloseTo(HEX_CELL.flat()[i], 5));
    let worst = 0;
    for (let n = 0; n < rho.length; n += 89) worst = Math.max(worst, Math.abs(g.data[n] - rho[n]) / 0.02);
    expect(worst).toBeLessThan(1e-5);
  });

  it('downsamples above --max-voxels and says so', async () => {
    const io = captureIO();
    const out = join(dir, 'small.html');
    expect(await runCli(['view', chgcar, '-o', out, '--max-voxels', String(18 * 18 * 23), '--json'], io)).toBe(0);
    expect(JSON.parse(io.stdout).grids[0]).toMatchObject({ stride: 2, embedded_grid: [18, 18, 23], grid: [36, 36, 45] });
  });

  it('refuses bad arguments with one line and exit 2, and never overwrites an input', async () => {
    const cases: [string[], RegExp][] = [
      [['view', chgcar, '--units', 'e/nm3', '-o', join(dir, 'x.html')], /Argument: units, Given: "e\/nm3", Choices: "e\/bohr3", "e\/A3"/],
      [['view', chgcar, '--block', '0', '-o', join(dir, 'x.html')], /--block must be 1, 2/],
      [['view', chgcar, '-o', chgcar], /is also an input/],
      [['view', chgcar, '-o', join(dir, 'x.html'), '--serve'], /mutually exclusive|serve/],
    ];
    for (const [argv, message] of cases) {
      const io = captureIO();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderr).toMatch(message);
    }
    const io = captureIO();
    expect(await runCli(['view', chgcar, '--block', '2', '-o', join(dir, 'x.html')], io)).toBe(1); // the file decides: bad input
    expect(io.stderr).toBe('vpost: CHGCAR_diff: has 1 block(s); block 2 requested\n');
    const missing = captureIO();
    expect(await runCli(['view', join(dir, 'nope', 'CHGCAR')], missing)).toBe(1);
    expect(missing.stderr).toMatch(/no such file or directory/);
  });
});

/** Raw HTTP GET (no URL normalisation, unlike fetch). */
function rawGet(port: number, path: string, host = `127.0.0.1:${port}`, method = 'GET'): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('vpost view --serve', () => {
  it('serves only the page on 127.0.0.1 with a restrictive CSP, refuses traversal, and stops on SIGINT', async () => {
    const io = captureIO();
    const done = runCli(['view', chgcar, '--serve'], io);
    for (let t = 0; t < 200 && !/serving http/.test(io.stdout); t++) await new Promise((r) => setTimeout(r, 25));
    const url = /serving (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(io.stdout);
    expect(url).not.toBeNull();
    const port = Number(url![2]);
    const page = await rawGet(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/application\/x-vpost-grid/);
    expect(String(page.headers['content-security-policy'])).toMatch(/^default-src 'none'; script-src 'sha256-[^']+'; .*frame-ancestors 'none'$/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await rawGet(port, '/CHGCAR_diff.html')).status).toBe(200);
    const hostile = ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/etc/passwd', '/..\\..\\package.json',
      '//etc/passwd', '/etc/passwd', '/C:/Windows/win.ini', 'http://127.0.0.1/../package.json', '/index.html/..', '/%2F'];
    for (const path of hostile) expect((await rawGet(port, path)).status, path).toBe(404);
    expect((await rawGet(port, '/', 'evil.example:80')).status).toBe(421);
    expect((await rawGet(port, '/', undefined, 'POST')).status).toBe(405);
    process.emit('SIGINT');
    expect(await done).toBe(0);
    expect(io.stdout).toMatch(/stopped\n$/);
    await expect(rawGet(port, '/')).rejects.toThrow(/ECONNREFUSED/);
  });
});
