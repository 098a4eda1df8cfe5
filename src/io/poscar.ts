import type { Structure } from '../core/structure.js';
export interface ParsePoscarOptions { readonly source: string; readonly species?: readonly string[] }
export function parsePoscar(_text: string, _opts: ParsePoscarOptions): Structure { throw new Error('not yet implemented'); }
export function formatPoscar(_s: Structure): string { throw new Error('not yet implemented'); }
