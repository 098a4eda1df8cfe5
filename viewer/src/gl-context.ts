/**
 * The live view's WebGL context. Multisampling (antialias) is nearly free on a GPU but makes every frame about
 * four times dearer on a software rasteriser (SwiftShader, llvmpipe: headless browsers, remote desktops, machines
 * without a GPU driver), where it turns a 1 M-triangle frame from ~0.3 s into ~1.3 s. So the context is made
 * with it, and made again without it when the renderer turns out to be software. PNG exports draw with their own
 * multisampled renderer (export-png.ts) either way, so figures keep smooth edges.
 */

/** Renderer names of software rasterisers, as WEBGL_debug_renderer_info reports them in Chromium, Firefox, Safari. */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|basic render/i;

export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}

/** The unmasked renderer name, or the masked one where the browser withholds it. */
export function rendererName(gl: WebGL2RenderingContext): string {
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}

export interface LiveContext {
  readonly canvas: HTMLCanvasElement;
  readonly gl: WebGL2RenderingContext;
  readonly antialias: boolean;
  readonly renderer: string;
}

/** A WebGL2 context for the on-screen canvas; undefined where the browser has none. */
export function liveContext(): LiveContext | undefined {
  const make = (antialias: boolean) => {
    const canvas = document.createElement('canvas');
    const gl = canvas.getContext('webgl2', { antialias, preserveDrawingBuffer: true, alpha: false, depth: true, stencil: false, premultipliedAlpha: true });
    return gl ? { canvas, gl } : undefined;
  };
  const first = make(true);
  if (!first) return undefined;
  const renderer = rendererName(first.gl);
  if (!isSoftwareRenderer(renderer)) return { ...first, antialias: true, renderer };
  const plain = make(false);
  if (!plain) return { ...first, antialias: true, renderer };
  first.gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { ...plain, antialias: false, renderer };
}
