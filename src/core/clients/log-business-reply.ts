import type { CoreContext } from '../shared/context.js';
import { requireMember } from '../leads/lead-access.js';
import { clientOf, openLeadOfClient } from './client-lead.js';
import type { ChatMessage } from './message-trace.js';
import { recordClientReply } from './reply-to-client.js';

/**
 * The manager typed an answer in their own Telegram (a business chat): it goes on the client's open
 * lead as the manager's reply. A chat with somebody who never wrote first and has no lead (a friend,
 * a supplier) is not logged.
 */
export async function logBusinessReply(ctx: CoreContext, clientTelegramId: number, message: ChatMessage): Promise<{ leadId: string } | null> {
  const actor = requireMember(ctx);
  const lead = await openLeadOfClient(ctx, await clientOf(ctx, clientTelegramId));
  if (!lead) return null;
  await recordClientReply(ctx, {
    leadId: lead.id,
    clientTelegramId,
    channel: { kind: 'business', memberId: actor.id, memberLabel: actor.label },
    message,
  });
  return { leadId: lead.id };
}
