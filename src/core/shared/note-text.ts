import * as z from 'zod';

export const NOTE_MAX = 4000;

/**
 * A note on a lead or a deal. A long one is kept, cut to the limit with "…": it usually is a
 * pasted client letter, and losing the whole of it to a refusal is worse than losing its tail.
 * An empty one is a refusal.
 */
export const noteTextSchema = z
  .string()
  .trim()
  .min(1, 'a note cannot be empty')
  .transform((text) => (text.length > NOTE_MAX ? `${text.slice(0, NOTE_MAX - 1).trimEnd()}…` : text));
