import type { InlineKeyboardButton } from 'grammy/types';
import type { ParsedEntity } from '../../test/helpers/telegram-html.js';
import type { FakeBotApi, FakeMessage } from '../../test/helpers/telegram.js';

/** One message as a Telegram client shows it: what the reader sees, its buttons and when it came. */
export interface ChatMessage {
  text: string;
  entities: ParsedEntity[];
  /** Rows of inline buttons; `link` ones (a URL or a Mini App) carry Telegram's corner arrow. */
  buttons: { text: string; link: boolean }[][];
  /** When it was sent (a Telegram client shows the send time, with "edited" after an edit). */
  at: Date;
  edited: boolean;
}

/**
 * Remembers when each message the fake Bot API holds first appeared and whether it changed since,
 * so the pictures carry the times and "edited" marks a client would show. Call `stamp()` after
 * every step of the story, with the story's clock at that moment.
 */
export class MessageClock {
  private readonly seen = new Map<number, { at: Date; text: string }>();
  private readonly edits = new Set<number>();

  constructor(
    private readonly api: FakeBotApi,
    private readonly now: () => Date,
  ) {}

  stamp(): void {
    for (const m of this.api.messages) {
      const known = this.seen.get(m.message_id);
      if (!known) this.seen.set(m.message_id, { at: this.now(), text: m.text });
      else if (known.text !== m.text) this.edits.add(m.message_id);
    }
  }

  /** A copy of the message as it looks now: later edits in the story do not change the picture. */
  capture(m: FakeMessage): ChatMessage {
    this.stamp();
    const rendered = m.rendered ?? { text: m.text, entities: [] };
    return {
      text: rendered.text,
      entities: rendered.entities.map((e) => ({ ...e })),
      buttons: (m.reply_markup?.inline_keyboard ?? []).map((row: InlineKeyboardButton[]) =>
        row.map((b) => ({ text: b.text, link: 'url' in b || 'web_app' in b })),
      ),
      at: this.seen.get(m.message_id)!.at,
      edited: this.edits.has(m.message_id),
    };
  }
}
