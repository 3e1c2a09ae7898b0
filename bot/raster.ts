import type { AppDeps } from '../src/app-deps.js';
import type { RasterDeps, WasmSource } from '../src/render/resvg.js';

/**
 * Fonts and the resvg WebAssembly for drawing charts. The wasm loader comes with the deps as
 * `resvgWasm` where an entry injects it (tests do), or was loaded once at startup with initResvg
 * (the Node entry does, in startSchedules); svgToPng says which is missing if neither happened.
 */
export type ChartDeps = AppDeps & { resvgWasm?: WasmSource };

export function rasterDeps(deps: ChartDeps): RasterDeps {
  return { fonts: deps.fonts, wasm: deps.resvgWasm };
}
