/**
 * Fonts for the proposal PDF and the report chart (Roboto: Latin and Cyrillic).
 * Loading differs per platform (a file on Node, a bundled module on Workers), so entries
 * inject a `FontSource`; renderers only see bytes.
 */
export interface Fonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

export type FontSource = () => Promise<Fonts>;

/** npm package paths of the fonts; the Node loader resolves them, the Worker imports them. */
export const FONT_MODULES = {
  regular: '@expo-google-fonts/roboto/400Regular/Roboto_400Regular.ttf',
  bold: '@expo-google-fonts/roboto/700Bold/Roboto_700Bold.ttf',
} as const;

/** Loads once, then hands out the same bytes. */
export function cachedFonts(load: FontSource): FontSource {
  let pending: Promise<Fonts> | undefined;
  return () => (pending ??= load().catch((e) => ((pending = undefined), Promise.reject(e))));
}
