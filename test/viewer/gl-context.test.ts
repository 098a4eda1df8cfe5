/**
 * Which renderers the live view treats as software rasterisers (no multisampling there, see viewer/src/gl-context.ts):
 * names as browsers report them through WEBGL_debug_renderer_info.
 */
import { describe, expect, it } from 'vitest';
import { isSoftwareRenderer } from '../../viewer/src/gl-context.js';

describe('isSoftwareRenderer', () => {
  it('recognises SwiftShader, Mesa llvmpipe/softpipe and Windows Basic Render', () => {
    for (const name of [
      'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', // headless Chromium here
      'Google SwiftShader',
      'llvmpipe (LLVM 15.0.6, 256 bits)', // Firefox on Linux without a GPU driver
      'ANGLE (Mesa, llvmpipe (LLVM 15.0.7 256 bits), OpenGL 4.5)',
      'softpipe',
      'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)',
    ]) expect(isSoftwareRenderer(name), name).toBe(true);
  });

  it('leaves GPUs multisampled', () => {
    for (const name of [
      'ANGLE (NVIDIA, NVIDIA GeForce RTX 3080 Direct3D11 vs_5_0 ps_5_0, D3D11)',
      'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)',
      'ANGLE (Apple, ANGLE Metal Renderer: Apple M1, Unspecified Version)',
      'AMD Radeon Pro 5500M OpenGL Engine',
      'Apple GPU', // Safari
      'WebKit WebGL', // masked name: no way to tell, keep the default
    ]) expect(isSoftwareRenderer(name), name).toBe(false);
  });
});
