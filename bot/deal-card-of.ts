import type { Message } from 'grammy/types';
import { leadIdOfCallback } from './callback-data.js';
import { dealIdOfCallback, dpattern, leadIdOfConvertCallback } from './deal-callback-data.js';

/**
 * The deal a bot message is the card of, read from its buttons (language-free), as `leadOfCard`
 * does for leads: exactly one deal among the buttons, and at least one of them acting on that deal.
 * A bare "open deal" link (the /deals list, a contact card, "Back to deal" under an item) points at
 * a deal but is not its card; a message with lead buttons is a lead card. There is no "#12" text
 * fallback as on the lead side: every deal card carries buttons (Note and History at least), and a
 * lead card without buttons has "#12" too.
 */
export function dealOfCard(card: Pick<Message, 'reply_markup'> | undefined): string | null {
  const ids = new Set<string>();
  let acts = false;
  for (const button of card?.reply_markup?.inline_keyboard.flat() ?? []) {
    const data = 'callback_data' in button ? button.callback_data : undefined;
    if (leadIdOfCallback(data) ?? leadIdOfConvertCallback(data)) return null;
    const id = dealIdOfCallback(data);
    if (!id) continue;
    ids.add(id);
    if (!dpattern.deal.test(data!)) acts = true;
  }
  return ids.size === 1 && acts ? [...ids][0]! : null;
}
