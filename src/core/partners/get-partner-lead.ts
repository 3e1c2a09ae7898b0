import { and, eq, exists, gte, lt, or } from 'drizzle-orm';
import { intakeKeys, leads } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { notFound } from '../shared/errors.js';

export interface PartnerLeadView {
  id: string;
  number: number;
  status: string;
  createdAt: Date;
}

/**
 * The intake key of a partner's request: `<partnerId>:<id>`. Kept for every partner request, so
 * a partner whose lead joined an existing open lead can still follow the lead it was given.
 */
export function partnerExternalId(partnerId: string, requestId: string): string {
  return `${partnerId}:${requestId}`;
}

/**
 * What a partner may know about a lead it sent: its number and status. Another partner's lead
 * and any other lead answer NOT_FOUND, not FORBIDDEN, so ids cannot be probed.
 */
export async function getPartnerLead(ctx: CoreContext, partnerId: string, leadId: string): Promise<PartnerLeadView> {
  const sentByPartner = ctx.db
    .select({ one: intakeKeys.leadId })
    .from(intakeKeys)
    .where(
      and(
        eq(intakeKeys.leadId, leads.id),
        eq(intakeKeys.source, 'partner'),
        // A range on the `<partnerId>:` prefix (';' follows ':'), which the (source, external_id) index serves.
        gte(intakeKeys.externalId, `${partnerId}:`),
        lt(intakeKeys.externalId, `${partnerId};`),
      ),
    );
  const [row] = await ctx.db
    .select({ id: leads.id, number: leads.number, status: leads.status, createdAt: leads.createdAt })
    .from(leads)
    .where(and(eq(leads.id, leadId), or(eq(leads.partnerId, partnerId), exists(sentByPartner))))
    .limit(1);
  if (!row) throw notFound(`Lead ${leadId}`);
  return row;
}
