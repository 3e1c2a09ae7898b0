import type { AppDeps } from '../src/app-deps.js';
import type { RasterDeps, WasmSource } from '../src/render/resvg.js';

/**
 * Fonts and the resvg WebAssembly for drawing charts. The wasm loader is injected by the entry
 * like the fonts (src/entry/node-resvg.ts on Node, a module import on Workers) as `resvgWasm`.
 */
export type ChartDeps = AppDeps & { resvgWasm?: WasmSource };

export function rasterDeps(deps: ChartDeps): RasterDeps {
  const wasm = deps.resvgWasm;
  if (!wasm) throw new Error('deps.resvgWasm is missing: the entry must inject the resvg wasm loader (nodeResvgWasm on Node)');
  return { fonts: deps.fonts, wasm };
}
