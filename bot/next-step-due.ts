import { DUE_PRESETS, parseDueText, presetDue, type DuePreset } from '../src/core/activities/due-date.js';
import type { BotContext } from './context.js';

/**
 * When the next step is due, read the two ways a member gives it: a preset button or a typed date,
 * both in the member's own time zone. Lead status, calls, deal stages and reminders all ask alike.
 */

/** The time a preset button stands for; null for a payload that names no preset (a forged or outdated button). */
export function presetDueAt(ctx: BotContext, preset: string): Date | null {
  return DUE_PRESETS.includes(preset as DuePreset) ? presetDue(preset as DuePreset, ctx.crm.deps.now(), ctx.crm.timeZone) : null;
}

/** The date typed for the next step; null once the member has been asked to type it again. */
export async function typedDueAt(ctx: BotContext, text: string): Promise<Date | null> {
  const dueAt = parseDueText(text, ctx.crm.deps.now(), ctx.crm.timeZone);
  if (!dueAt) await ctx.reply(ctx.crm.t.call.badDate);
  return dueAt;
}
