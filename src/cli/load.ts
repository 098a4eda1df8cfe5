import type { VolumetricKind, VolumetricRecord } from '../io/volumetric-record.js';
export async function loadVolumetric(_path: string, _opts: { kind?: VolumetricKind; species?: readonly string[] } = {}): Promise<VolumetricRecord> { throw new Error('not yet implemented'); }
export async function saveVolumetric(_path: string, _r: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>, _o: { headerNote?: string } = {}): Promise<void> { throw new Error('not yet implemented'); }
