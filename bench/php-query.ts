/** `npx tsx bench/php-query.ts`: PHP-style form parsing time for many `a[]` fields (the goal: 10,000 in under 50 ms). */
import { parseBracketPairs } from '../webhooks/php-query.js';

for (const n of [1_000, 10_000, 50_000]) {
  const body = Array.from({ length: n }, (_, i) => `a[]=${i}`).join('&');
  const pairs = [...new URLSearchParams(body)];
  parseBracketPairs(pairs); // warm-up
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const started = performance.now();
    parseBracketPairs(pairs);
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  console.log(`${n.toLocaleString('en')} a[] fields: median ${runs[2]!.toFixed(1)} ms, worst ${runs[4]!.toFixed(1)} ms (${(body.length / 1024).toFixed(0)} KB body)`);
}
