/**
 * A Bader analysis of a density already in memory, on one thread (browser-safe): the partition of the reference
 * density into basins, then the per-atom summary — charges, volumes, surface distances, the vacuum, non-nuclear
 * attractors. The bader job (src/jobs/bader-charges.ts) does the same on files, sharing the grid between threads.
 */
import { summarise, type BaderSummary } from './bader-summary.js';
import { partition, type BaderMethod, type Partition, type PartitionInput, type PartitionOptions } from './partition.js';

export interface BaderPartition {
  /** Basin of every grid point, the maxima and the per-basin sums. */
  readonly partition: Partition;
  /** Per atom (structure order) and the totals. */
  readonly summary: BaderSummary;
}

/**
 * Partitions `input` with `method` and gives each basin to the nearest of the atoms at fractional positions `frac`
 * (3 per atom). `input.fields[0]` is the density whose charge is counted (ρ·V, as a CHGCAR holds it).
 */
export async function baderPartition(method: BaderMethod, input: PartitionInput, frac: Float64Array, opts: PartitionOptions = {}): Promise<BaderPartition> {
  const p = await partition(method, input, opts);
  opts.signal?.throwIfAborted();
  return { partition: p, summary: summarise({ lattice: input.lattice, dims: input.dims, frac, partition: p, fields: input.fields, vacuum: input.vacuum }) };
}
