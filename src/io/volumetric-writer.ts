import type { VolumetricRecord } from './volumetric-record.js';
export interface FormatVolumetricOptions { readonly headerNote?: string }
export function* formatVolumetric(_r: Pick<VolumetricRecord, 'kind' | 'structure' | 'blocks'>, _o: FormatVolumetricOptions = {}): Generator<string> { throw new Error('not yet implemented'); }
