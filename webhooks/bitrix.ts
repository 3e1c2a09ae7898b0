import { Hono, type Context } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { createLeadFromIntake } from '../src/core/intake/create-lead-from-intake.js';
import { partnerExternalId } from '../src/core/partners/get-partner-lead.js';
import { newId } from '../src/core/shared/ids.js';
import { bitrixLeadSchema, mapBitrixLead } from './bitrix-payload.js';
import { limitBody } from './body-limit.js';
import { describeError, invalid, logUnhandled } from './errors.js';
import { logged, logRejections } from './log-rejections.js';
import { partnerActor, requirePartner, type PartnerEnv } from './partner-auth.js';
import { parseBracketPairs } from './php-query.js';
import { parseBody, readRawBody } from './raw-body.js';

/** Bitrix24's error codes for what we refuse, so Bitrix client libraries report them as usual. */
const BITRIX_CODES: Record<number, string> = { 400: 'INVALID_REQUEST', 401: 'INVALID_CREDENTIALS', 413: 'INVALID_REQUEST', 415: 'INVALID_REQUEST' };

/**
 * `POST /api/v1/bitrix/crm.lead.add`: a site wired to Bitrix24's REST `crm.lead.add` switches
 * here by changing the URL. Answers in Bitrix's shape, errors included.
 */
export function bitrixRoutes(deps: AppDeps) {
  const app = new Hono<PartnerEnv>();
  app.onError((err, c) => bitrixError(err, c, deps));
  const handler = async (c: Context<PartnerEnv>) => {
    const started = new Date();
    const partner = c.get('partner');
    // GET carries the fields in the query (`?fields[NAME]=...`, as some Bitrix clients call); `auth` is the key, not a field.
    const query = c.req.method === 'GET' ? [...new URL(c.req.url).searchParams].filter(([k]) => k !== 'auth') : null;
    const raw = query ? { contentType: null, mediaType: '', bytes: new Uint8Array(), body: new URLSearchParams(query).toString() } : await readRawBody(c);
    const ctx = deps.core(partnerActor(partner));
    return logRejections(ctx, 'bitrix', logged(raw), async () => {
      const body = query ? ({ kind: 'urlencoded', pairs: query } as const) : await parseBody(raw, ['json', 'urlencoded', 'multipart']);
      const parsed = bitrixLeadSchema.safeParse(body.kind === 'json' ? body.value : parseBracketPairs(body.pairs));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw invalid(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
      }
      const result = await createLeadFromIntake(
        ctx,
        {
          ...mapBitrixLead(parsed.data),
          channel: 'partner',
          intakeSource: 'bitrix',
          source: `partner:${partner.name}`,
          partnerId: partner.id,
          // Bitrix has no idempotency key; this only lets the partner follow the lead via GET /api/v1/leads/:id.
          externalId: partnerExternalId(partner.id, newId()),
        },
        logged(raw),
      );
      return c.json({ result: result.lead.number, time: bitrixTime(started, new Date()) }, 200);
    });
  };
  for (const path of ['/api/v1/bitrix/crm.lead.add', '/api/v1/bitrix/crm.lead.add.json']) {
    app.post(path, requirePartner(deps, { bitrixStyle: true }), limitBody(deps.config.MAX_BODY_BYTES), handler);
  }
  // Bitrix inbound webhooks carry the key in the path: .../rest/1/<key>/crm.lead.add.json
  app.post('/api/v1/bitrix/:key/:method{crm\\.lead\\.add(\\.json)?}', requirePartner(deps, { bitrixStyle: true }),
    limitBody(deps.config.MAX_BODY_BYTES), handler);
  // Bitrix24's own URL shape, so a client (the official @bitrix24/b24jssdk included) needs only the host changed:
  // /rest/<user id>/<key>/crm.lead.add[.json], by POST (JSON or PHP-style form) or by GET with the query.
  const rest = '/rest/:user{\\d+}/:key/:method{crm\\.lead\\.add(\\.json)?}';
  app.post(rest, requirePartner(deps, { bitrixStyle: true }), limitBody(deps.config.MAX_BODY_BYTES), handler);
  app.get(rest, requirePartner(deps, { bitrixStyle: true }), handler);
  return app;
}

function bitrixError(err: Error, c: Context, deps: AppDeps) {
  const known = describeError(err);
  if (known?.code === 'client_closed') deps.log.debug(`${c.req.method} ${c.req.path}: the client disconnected mid-body`);
  if (!known) {
    logUnhandled(err, c, deps.log);
    return c.json({ error: 'INTERNAL_SERVER_ERROR', error_description: 'Something went wrong on our side; the lead was not stored' }, 500);
  }
  return c.json({ error: BITRIX_CODES[known.status] ?? 'ERROR_CORE', error_description: known.message }, known.status);
}

/** Bitrix's `time` block: Unix seconds with fractions, durations in seconds, ISO dates. */
function bitrixTime(start: Date, finish: Date) {
  const duration = (finish.getTime() - start.getTime()) / 1000;
  return {
    start: start.getTime() / 1000,
    finish: finish.getTime() / 1000,
    duration,
    processing: duration,
    date_start: start.toISOString(),
    date_finish: finish.toISOString(),
  };
}
