/**
 * Buttons on reminders and morning lists. Activity ids are UUIDs; every payload stays under 64 bytes.
 * The verbs start with "a" and are distinct from the lead card's (bot/callback-data.ts).
 */
export const acb = {
  done: (activityId: string) => `ad:${activityId}`,
  doneNext: (activityId: string, preset: string) => `adn:${activityId}:${preset}`,
  snooze: (activityId: string) => `az:${activityId}`,
  reschedule: (activityId: string) => `ar:${activityId}`,
  reschedulePreset: (activityId: string, preset: string) => `arp:${activityId}:${preset}`,
};

const ID = '([0-9a-f-]{36})';
const PRESET = '([a-z0-9]+)';

export const apattern = {
  done: new RegExp(`^ad:${ID}$`),
  doneNext: new RegExp(`^adn:${ID}:${PRESET}$`),
  snooze: new RegExp(`^az:${ID}$`),
  reschedule: new RegExp(`^ar:${ID}$`),
  reschedulePreset: new RegExp(`^arp:${ID}:${PRESET}$`),
};

/** True for a reminder's or morning list's button: the boundary answers those with activity sentences. */
export function isActivityCallback(data: string | undefined): boolean {
  return Boolean(data && Object.values(apattern).some((p) => p.test(data)));
}
