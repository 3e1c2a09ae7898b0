/**
 * Typed input of a reminder's or morning list's Reschedule: a date typed instead of a preset.
 * `promptId` is the question with the presets, edited to the outcome like a preset tap edits it;
 * `since` lets the question go stale, so tomorrow's unrelated text is not read as a date for it.
 */
export type ActivityInput = { kind: 'reschedule'; activityId: string; promptId: number; since: number };

declare module './bot-session.js' {
  interface BotSession {
    activityInput?: ActivityInput;
  }
}

/** How long a Reschedule question waits for a typed date. */
export const RESCHEDULE_WINDOW_MS = 30 * 60_000;
