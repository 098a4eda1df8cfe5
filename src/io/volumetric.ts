import type { VolumetricKind, VolumetricRecord } from './volumetric-record.js';
export interface ParseVolumetricOptions { readonly source: string; readonly kind?: VolumetricKind; readonly species?: readonly string[] }
export function parseVolumetric(_input: Uint8Array | string, _opts: ParseVolumetricOptions): VolumetricRecord { throw new Error('not yet implemented'); }
export async function parseVolumetricStream(_chunks: AsyncIterable<Uint8Array>, _opts: ParseVolumetricOptions): Promise<VolumetricRecord> { throw new Error('not yet implemented'); }
export function kindFromName(_name: string): VolumetricKind | undefined { return undefined; }
