/**
 * The README's Library section and the jobs' TSDoc show the same examples: each job of the jobs layer has a block in
 * the README whose text is exactly its `@example` (the consumer test runs those blocks from the packed package).
 */
import { describe, expect, it } from 'vitest';
import { JOB_SOURCES, blockOf, libraryBlocks, tsdocExample } from './readme-library.js';
import * as vpost from '../../src/index.js';

describe('README Library section = TSDoc @example of each job', () => {
  it('has a block per job, and every job is exported by the package', () => {
    expect(libraryBlocks().length).toBeGreaterThanOrEqual(Object.keys(JOB_SOURCES).length);
    for (const job of Object.keys(JOB_SOURCES)) {
      expect([job, typeof (vpost as Record<string, unknown>)[job]]).toEqual([job, 'function']);
      expect([job, blockOf(job) !== undefined]).toEqual([job, true]);
    }
  });

  for (const job of Object.keys(JOB_SOURCES)) {
    it(`${job}: the README block is its @example`, () => {
      expect(tsdocExample(job)).toBe(blockOf(job));
    });
  }
});
