import type { LinkPreviewOptions, ParseMode, InlineKeyboardMarkup } from 'grammy/types';
import type { AppDeps } from '../../src/app-deps.js';
import type { OutboxRow } from '../../src/core/telegram/outbox-queue.js';

/** One Telegram message an outbox row turns into. */
export interface OutboxMessage {
  chatId: number;
  text: string;
  parseMode?: ParseMode;
  replyMarkup?: InlineKeyboardMarkup;
  linkPreview?: LinkPreviewOptions;
  /** Sent with sendPhoto, `text` as the caption (a chart for a report). */
  photo?: { data: Uint8Array; filename: string };
  /**
   * A team-chat card with Take buttons: delivery merges several due in one run into one list
   * card (a burst costs one group message), and remembers which message carries which leads.
   */
  teamCard?: { kind: 'single' | 'list'; leadIds: string[] };
}

export interface RenderInput {
  deps: AppDeps;
  row: OutboxRow;
}

/**
 * Turns an outbox row into the message to send, at send time (so a card shows the lead as it is
 * now). Returns null when there is nothing left to say (the lead was taken or closed meanwhile):
 * the row is then settled without sending. A thrown error means "try again later".
 */
export type OutboxRenderer = (input: RenderInput) => Promise<OutboxMessage | null>;
