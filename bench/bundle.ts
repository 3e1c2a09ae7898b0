/**
 * Measures the Worker bundle: `wrangler deploy --dry-run --outdir dist`, then the size of
 * every emitted file, raw and gzipped. Cloudflare's limit on the free plan is 3 MiB gzipped;
 * our goal is under 1 MiB.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const outdir = 'dist/worker';
rmSync(outdir, { recursive: true, force: true });
execFileSync('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir, '-c', 'wrangler.toml'], {
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
});

const files = walk(outdir).filter((f) => !f.endsWith('.map'));
let raw = 0;
let gz = 0;
const rows = files.map((file) => {
  const bytes = readFileSync(file);
  const zipped = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += zipped;
  return { file: relative(outdir, file), raw: kib(bytes.length), gzip: kib(zipped) };
});
console.table(rows);
console.log(`total: ${kib(raw)} raw, ${kib(gz)} gzipped (goal: under 1024 KiB gzipped)`);

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}
