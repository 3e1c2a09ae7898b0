import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cachedFonts, FONT_MODULES, type FontSource } from '../render/fonts.js';

const require = createRequire(import.meta.url);

/** Node: the TTF files straight from node_modules. */
export const nodeFonts: FontSource = cachedFonts(async () => {
  const [regular, bold] = await Promise.all([
    readFile(require.resolve(FONT_MODULES.regular)),
    readFile(require.resolve(FONT_MODULES.bold)),
  ]);
  return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
});
