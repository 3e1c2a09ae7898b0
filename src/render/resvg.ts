import { initWasm, Resvg, type InitInput } from '@resvg/resvg-wasm';
import type { FontSource } from './fonts.js';

/**
 * Where the resvg WebAssembly comes from differs per platform (a file read on Node, a module
 * import on Workers), so the entry injects it, as with fonts.
 */
export type WasmSource = () => Promise<InitInput>;

export interface RasterDeps {
  fonts: FontSource;
  wasm: WasmSource;
}

// resvg-wasm keeps one instance per JS module and refuses a second initWasm, so this one
// module-level promise mirrors the library's own global state rather than adding one.
let ready: Promise<void> | undefined;

/** Loads the WebAssembly once per process (or isolate); later calls share the first load. */
export function initResvg(load: WasmSource): Promise<void> {
  ready ??= load()
    .then((input) => initWasm(input))
    .catch((e: unknown) => {
      if (e instanceof Error && /already initiali[sz]ed/i.test(e.message)) return;
      ready = undefined;
      throw e;
    });
  return ready;
}

/** SVG to PNG with our fonts only: no system fonts, so the picture is the same on every host. */
export async function svgToPng(svg: string, deps: RasterDeps): Promise<Uint8Array> {
  const [fonts] = await Promise.all([deps.fonts(), initResvg(deps.wasm)]);
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [fonts.regular, fonts.bold], loadSystemFonts: false, defaultFontFamily: 'Roboto' },
    background: '#ffffff',
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
