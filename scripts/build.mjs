// `npm run build`: the Node server and the operator CLI as two bundled ES modules in dist/
// (or the folder given as the first argument), so production runs `node dist/server.js` with
// production dependencies only. npm packages stay external: `npm ci --omit=dev` installs them.
import { cp, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const outdir = resolve(process.argv[2] ?? resolve(root, 'dist'));

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { server: 'src/entry/node.ts', crm: 'src/cli/main.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
// db/migrate.ts finds the migrations next to the module that runs it: dist/migrations.
await cp(resolve(root, 'db/migrations'), resolve(outdir, 'migrations'), { recursive: true });
console.log(`Built ${outdir}: server.js, crm.js, migrations/`);
