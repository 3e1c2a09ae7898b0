import { Hono } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { createLeadFromIntake } from '../src/core/intake/create-lead-from-intake.js';
import { findIdempotentReply, type IdempotentRequest } from '../src/core/intake/find-idempotent-reply.js';
import { getPartnerLead, partnerExternalId } from '../src/core/partners/get-partner-lead.js';
import { newId } from '../src/core/shared/ids.js';
import { logIntake } from '../src/core/intake/intake-log.js';
import { saveIdempotentReply } from '../src/core/intake/save-idempotent-reply.js';
import { sha256Hex } from '../src/core/shared/secrets.js';
import { limitBody } from './body-limit.js';
import { invalid } from './errors.js';
import { logged, logRejections } from './log-rejections.js';
import { partnerActor, requirePartner, type PartnerEnv } from './partner-auth.js';
import { mapPartnerLead, partnerLeadSchema } from './partner-payload.js';
import { bodyToRecord, parseBody, readRawBody } from './raw-body.js';

const jsonReply = (body: string, status: number, replayed = false) =>
  new Response(body, {
    status,
    headers: { 'content-type': 'application/json', ...(replayed ? { 'idempotent-replayed': 'true' } : {}) },
  });

/**
 * `POST /api/v1/leads` and `GET /api/v1/leads/:id` for partners. With `Idempotency-Key`, the
 * first successful answer is stored and replayed for the same key and body (Stripe's rules).
 */
export function partnerApiRoutes(deps: AppDeps) {
  return new Hono<PartnerEnv>()
    .post('/api/v1/leads', requirePartner(deps), limitBody(deps.config.MAX_BODY_BYTES), async (c) => {
      const partner = c.get('partner');
      const raw = await readRawBody(c);
      const ctx = deps.core(partnerActor(partner));
      return logRejections(ctx, 'partner', logged(raw), async () => {
        const parsed = partnerLeadSchema.safeParse(bodyToRecord(await parseBody(raw, ['json'])));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw invalid(`${issue?.path.join('.') || 'lead'}: ${issue?.message ?? 'invalid'}`);
        }
        const key = c.req.header('idempotency-key')?.trim();
        if (key !== undefined && (key === '' || key.length > 255)) throw invalid('Idempotency-Key must be 1 to 255 characters');
        const idem: IdempotentRequest | null = key
          ? { partnerId: partner.id, key, requestHash: await sha256Hex(`POST /api/v1/leads\n${raw.body}`) }
          : null;
        if (idem) {
          const stored = await findIdempotentReply(ctx, idem);
          if (stored) {
            await logIntake(ctx, { ...logged(raw), source: 'partner', outcome: 'replayed', leadId: leadIdOf(stored.body) });
            return jsonReply(stored.body, stored.status, true);
          }
        }
        // Scoped by partner, key and body: a crash between the lead and the stored reply still replays the lead.
        const requestId = idem ? await sha256Hex(`${idem.key}\n${idem.requestHash}`) : newId();
        const result = await createLeadFromIntake(
          ctx,
          {
            ...mapPartnerLead(parsed.data),
            channel: 'partner',
            intakeSource: 'partner',
            source: `partner:${partner.name}`,
            partnerId: partner.id,
            externalId: partnerExternalId(partner.id, requestId),
          },
          logged(raw),
        );
        // A twin of this very request (same key and body) that got here first made the lead: answer as it did,
        // so whichever of the two stores its reply first, the reply on record is the creator's 201.
        const created = result.outcome === 'created' || result.firstOutcome === 'created';
        const status = created ? 201 : 200;
        const body = JSON.stringify({ id: result.lead.id, number: result.lead.number, status: result.lead.status, duplicate: !created });
        if (!idem) return jsonReply(body, status);
        const saved = await saveIdempotentReply(ctx, idem, { status, body });
        return jsonReply(saved.body, saved.status, saved.body !== body || result.outcome === 'replayed');
      });
    })
    .get('/api/v1/leads/:id', requirePartner(deps), async (c) => {
      const partner = c.get('partner');
      const lead = await getPartnerLead(deps.core(partnerActor(partner)), partner.id, c.req.param('id'));
      return c.json({ id: lead.id, number: lead.number, status: lead.status, created_at: lead.createdAt.toISOString() });
    });
}

function leadIdOf(body: string): string | null {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}
