import { Hono } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { logIntake } from '../src/core/intake/intake-log.js';
import { timingSafeEqual } from '../src/core/shared/secrets.js';
import { webhookActor } from './actors.js';
import { limitBody } from './body-limit.js';
import { answerIncomingCall } from './incoming-call-reply.js';
import { invalid, malformed, notConfigured, unauthorized } from './errors.js';
import { logged, logRejections } from './log-rejections.js';
import { incomingCallFromSummary, mangoSign, mangoSummarySchema } from './mango-payload.js';
import { bodyToRecord, parseBody, readRawBody } from './raw-body.js';

/**
 * `POST /hooks/mango/events/*`: Mango Office VPBX posts `vpbx_api_key`, `sign` and `json`.
 * Every path is verified and answered 200; only `events/summary` (one per call) acts.
 */
export function mangoRoutes(deps: AppDeps) {
  const actor = webhookActor('mango');
  return new Hono().post('/hooks/mango/events/*', limitBody(deps.config.MAX_BODY_BYTES), async (c) => {
    const { MANGO_API_KEY: apiKey, MANGO_API_SALT: salt } = deps.config;
    if (!apiKey || !salt) throw notConfigured('The Mango Office webhook', 'MANGO_API_KEY and MANGO_API_SALT (VPBX > Integrations > API)');
    const raw = await readRawBody(c);
    const fields = bodyToRecord(await parseBody(raw, ['urlencoded', 'multipart', 'json']));
    const [key, sign, json] = [fields.vpbx_api_key, fields.sign, fields.json].map((v) => (typeof v === 'string' ? v : ''));
    if (!key || !sign || !json) throw unauthorized('Missing vpbx_api_key, sign or json: not a Mango Office event');
    if (!timingSafeEqual(key, apiKey)) throw unauthorized('Wrong vpbx_api_key: it does not match MANGO_API_KEY on this server');
    if (!timingSafeEqual(sign.toLowerCase(), await mangoSign(apiKey, json, salt))) {
      throw unauthorized('Wrong sign: it does not match sha256(MANGO_API_KEY + json + MANGO_API_SALT)');
    }

    const ctx = deps.core(actor);
    const event = c.req.path.slice(c.req.path.indexOf('/events/') + '/events/'.length);
    return logRejections(ctx, 'mango', logged(raw), async () => {
      let payload: unknown;
      try {
        payload = JSON.parse(json);
      } catch (e) {
        throw malformed(`The json field is not valid JSON: ${(e as Error).message}`);
      }
      if (event !== 'summary') {
        await logIntake(ctx, { ...logged(raw), source: 'mango', outcome: 'ignored' });
        return c.json({ ok: true, event }, 200);
      }
      const parsed = mangoSummarySchema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw invalid(`Mango summary: ${issue?.path.join('.') || 'json'}: ${issue?.message ?? 'invalid'}`);
      }
      return answerIncomingCall(c, ctx, 'mango', incomingCallFromSummary(parsed.data), logged(raw), event);
    });
  });
}
