import { Hono, type Context } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { timingSafeEqual } from '../src/core/shared/secrets.js';
import { webhookActor } from './actors.js';
import { limitBody } from './body-limit.js';
import { answerIncomingCall } from './incoming-call-reply.js';
import { invalid, notConfigured, unauthorized } from './errors.js';
import { logged, logRejections } from './log-rejections.js';
import { pairsToRecord, parseBody, readRawBody } from './raw-body.js';
import { zadarmaSignature, zadarmaSignedString } from './zadarma-signature.js';
import { callStartProblem, finishedIncomingCall, zadarmaEventSchema } from './zadarma-payload.js';

/**
 * `GET|POST /hooks/zadarma`. Zadarma checks the URL with `?zd_echo=<value>` and wants the bare
 * value back; every event carries a `Signature` header, checked before anything is stored.
 */
export function zadarmaRoutes(deps: AppDeps) {
  const actor = webhookActor('zadarma');
  const secretOrFail = () => {
    const secret = deps.config.ZADARMA_API_SECRET;
    if (!secret) throw notConfigured('The Zadarma webhook', 'ZADARMA_API_SECRET (Zadarma: Settings > API, the secret key)');
    return secret;
  };
  const echo = (c: Context) => {
    secretOrFail();
    const value = c.req.query('zd_echo');
    if (value === undefined) throw invalid('Zadarma checks this URL with ?zd_echo=<value>; events arrive by POST');
    return c.text(value, 200);
  };

  return new Hono()
    .get('/hooks/zadarma', echo)
    .post('/hooks/zadarma', limitBody(deps.config.MAX_BODY_BYTES), async (c) => {
      const secret = secretOrFail();
      if (c.req.query('zd_echo') !== undefined) return echo(c);
      const raw = await readRawBody(c);
      const body = await parseBody(raw, ['urlencoded', 'multipart']);
      const fields = body.kind === 'json' ? {} : pairsToRecord(body.pairs);
      const given = c.req.header('signature');
      if (!given) throw unauthorized('Missing Signature header: Zadarma signs every event when an API key and secret exist');
      const signed = zadarmaSignedString(fields);
      if (signed === null) throw unauthorized(`Cannot verify event "${fields.event ?? ''}": not an event Zadarma signs`);
      if (!timingSafeEqual(given, await zadarmaSignature(signed, secret))) {
        throw unauthorized('Wrong Signature: it does not match ZADARMA_API_SECRET on this server');
      }

      const ctx = deps.core(actor);
      return logRejections(ctx, 'zadarma', logged(raw), async () => {
        const parsed = zadarmaEventSchema.safeParse(fields);
        if (!parsed.success) throw invalid(`Zadarma event: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
        const stale = callStartProblem(parsed.data.call_start, deps.now());
        if (stale) {
          deps.log.warn(`zadarma: ${parsed.data.event} refused: ${stale}`);
          throw invalid(`Zadarma event: ${stale}`);
        }
        return answerIncomingCall(c, ctx, 'zadarma', finishedIncomingCall(parsed.data), logged(raw), parsed.data.event);
      });
    });
}
