import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { WasmSource } from '../render/resvg.js';

const require = createRequire(import.meta.url);

/** Node: the resvg WebAssembly straight from node_modules (Workers import it as a module instead). */
export const nodeResvgWasm: WasmSource = async () => readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
