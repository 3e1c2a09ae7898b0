import type { CoreContext } from '../shared/context.js';
import { CrmError } from '../shared/errors.js';
import { loadVisibleLead, requireMember } from './lead-access.js';
import { noteTextSchema } from '../shared/note-text.js';
import { historyEntry } from '../shared/records.js';


/** A note is a line in the lead's timeline; closed leads take notes too ("called back a year later"). */
export async function addNote(ctx: CoreContext, leadId: string, text: string): Promise<void> {
  const actor = requireMember(ctx);
  const parsed = noteTextSchema.safeParse(text);
  if (!parsed.success) throw new CrmError('VALIDATION', parsed.error.issues[0]?.message ?? 'invalid note');
  await loadVisibleLead(ctx, leadId);
  await historyEntry(ctx.db, { entityType: 'lead', entityId: leadId, action: 'note', actor, at: ctx.now(), changes: { text: parsed.data } });
}
