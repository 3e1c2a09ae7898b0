import { percentile, runTeamChatBurst } from '../test/helpers/team-chat-burst.js';

/**
 * 50 leads arriving within one minute against the fake Bot API's group limit (20 messages a
 * minute, then 429), on a virtual clock: the real delivery code, RateLimiter and list-card merging.
 * Prints p50 / p99 time from a lead's arrival to its Take button in the team chat, and the group
 * messages used. Goal: p99 <= 10 s.
 */
const count = Number(process.env.LEADS ?? 50);
const windowMs = Number(process.env.WINDOW_MS ?? 60_000);
const r = await runTeamChatBurst({ count, windowMs });
r.world.close();
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(`team-chat burst: ${count} leads within ${windowMs / 1000} s, group limit 20 msg/min`);
console.log(`  time to Take button: p50 ${s(percentile(r.latencies, 50))}, p99 ${s(percentile(r.latencies, 99))}, max ${s(Math.max(...r.latencies))}`);
console.log(`  group messages used: ${r.groupMessages} (refused by the limit: ${r.refused}); leads without a button: ${r.missing}`);
console.log(`  goal p99 <= 10 s: ${percentile(r.latencies, 99) <= 10_000 ? 'met' : 'NOT met'}`);
