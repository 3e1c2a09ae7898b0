/**
 * Delay buckets for the dashboard's first-touch median when the period is too big to sort (see
 * build-dashboard.ts): [0, 1 s), then 8 per doubling, lower bounds (8 + k) * 2^e * 125 ms for e = 0..24 and
 * k = 0..7 (up to about 388 days). Migration 0016_dashboard_triggers puts the same list in
 * dashboard_touch_buckets. A bucket spans at most 1/8 of its lower bound, and the median is interpolated
 * within its bucket as if the delays there were evenly spread: off by at most 12.5% (1 s below 8 s), and
 * by less when delays are spread out (on the 1M-lead benchmark, whose delays are whole minutes: the team's
 * median 119.4 or 119.5 min for an exact 119, one manager in one channel 119.5 for 116).
 */
export const TOUCH_BUCKETS: readonly number[] = [
  0,
  ...Array.from({ length: 25 }, (_, e) => Array.from({ length: 8 }, (_, k) => (8 + k) * 2 ** e * 125)).flat(),
];
const TOP = 16 * 2 ** 24 * 125;

function upperBound(bucket: number): number {
  const i = TOUCH_BUCKETS.indexOf(bucket);
  return i >= 0 && i + 1 < TOUCH_BUCKETS.length ? TOUCH_BUCKETS[i + 1]! : Math.max(TOP, bucket);
}

/** The median delay in ms of a histogram (bucket lower bound → count), interpolated in its bucket; null when empty. */
export function medianOfBuckets(counts: ReadonlyMap<number, number>): number | null {
  const buckets = [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  // The k-th delay (from 0) sits at the middle of its share of the bucket.
  const at = (k: number) => {
    let before = 0;
    for (const [lo, n] of buckets) {
      if (k < before + n) return lo + ((upperBound(lo) - lo) * (k - before + 0.5)) / n;
      before += n;
    }
    return 0;
  };
  return (at(Math.floor((total - 1) / 2)) + at(Math.floor(total / 2))) / 2;
}
