/** wrangler.toml bundles these as Data / CompiledWasm modules. */
declare module '*.ttf' {
  const data: ArrayBuffer;
  export default data;
}
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
