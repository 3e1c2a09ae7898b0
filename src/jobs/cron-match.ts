/**
 * Whether a five-field cron expression (minute hour day-of-month month day-of-week) matches a
 * minute, in UTC. Workers get one cron trigger and ask this which schedules are due; Node lets
 * node-cron do the same from the same expressions. Supports *, lists, ranges and steps.
 */
export function cronMatches(expression: string, at: Date): boolean {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron "${expression}": expected 5 fields`);
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const weekday = at.getUTCDay();
  const domOk = field(dom, at.getUTCDate(), 1, 31);
  const dowOk = field(dow, weekday, 0, 7) || (weekday === 0 && field(dow, 7, 0, 7));
  // Classic cron: when both day fields are restricted, either one matching is enough.
  const dayOk = dom !== '*' && dow !== '*' ? domOk || dowOk : domOk && dowOk;
  return field(minute, at.getUTCMinutes(), 0, 59) && field(hour, at.getUTCHours(), 0, 23) && field(month, at.getUTCMonth() + 1, 1, 12) && dayOk;
}

function field(spec: string, value: number, min: number, max: number): boolean {
  return spec.split(',').some((part) => {
    const [range = '*', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron field "${spec}": bad step`);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a, b] = range.split('-');
      lo = Number(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : Number(b);
      if (!Number.isInteger(lo) || !Number.isInteger(hi)) throw new Error(`cron field "${spec}": not a number`);
    }
    return value >= lo && value <= hi && (value - lo) % step === 0;
  });
}
