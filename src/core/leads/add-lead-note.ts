import type { CoreContext } from '../shared/context.js';
import { parseInput } from '../shared/validate.js';
import { loadVisibleLead, requireMember } from './lead-access.js';
import { noteTextSchema } from '../shared/note-text.js';
import { historyEntry } from '../shared/records.js';


/** A note is a line in the lead's timeline; closed leads take notes too ("called back a year later"). */
export async function addNote(ctx: CoreContext, leadId: string, text: string): Promise<void> {
  const actor = requireMember(ctx);
  const note = parseInput(noteTextSchema, text, 'note', { label: 'none' });
  await loadVisibleLead(ctx, leadId);
  await historyEntry(ctx.db, { entityType: 'lead', entityId: leadId, action: 'note', actor, at: ctx.now(), changes: { text: note } });
}
