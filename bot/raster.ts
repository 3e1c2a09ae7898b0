import type { AppDeps } from '../src/app-deps.js';
import type { RasterDeps } from '../src/render/resvg.js';

/** Fonts and the resvg WebAssembly for drawing charts, both injected by the entry through AppDeps. */
export function rasterDeps(deps: AppDeps): RasterDeps {
  return { fonts: deps.fonts, wasm: deps.resvgWasm };
}
