import { Hono } from 'hono';
import type { AppDeps } from '../src/app-deps.js';
import { createLeadFromIntake } from '../src/core/intake/create-lead-from-intake.js';
import { logIntake } from '../src/core/intake/intake-log.js';
import { webhookActor } from './actors.js';
import { limitBody } from './body-limit.js';
import { requireFormToken } from './form-token.js';
import { logged, logRejections } from './log-rejections.js';
import { acceptedAnswer, answerIfSpam } from './public-intake.js';
import { rateLimit } from './rate-limit.js';
import { bodyToRecord, parseBody, readRawBody } from './raw-body.js';
import { isTildaTestPing, mapTildaSubmission } from './tilda-payload.js';

/**
 * `POST /hooks/tilda?token=FORM_TOKEN`. Tilda counts anything but 200 as a failure and
 * retries (twice, a minute apart), so every accepted submission answers `200 {"ok":true}`: new,
 * repeated or caught by the honeypot, the answer is the same (see public-intake.ts).
 */
export function tildaRoutes(deps: AppDeps) {
  const actor = webhookActor('tilda');
  return new Hono().post(
    '/hooks/tilda',
    requireFormToken(deps.config, 'The Tilda webhook'),
    rateLimit(deps, 'tilda', deps.config.TILDA_RATE_LIMIT),
    limitBody(deps.config.MAX_BODY_BYTES),
    async (c) => {
      const raw = await readRawBody(c);
      const ctx = deps.core(actor);
      return logRejections(ctx, 'tilda', logged(raw), async () => {
        const record = bodyToRecord(await parseBody(raw, ['urlencoded', 'json', 'multipart']));
        if (isTildaTestPing(record)) {
          await logIntake(ctx, { ...logged(raw), source: 'tilda', outcome: 'ignored', error: 'connection test' });
          return c.json({ ok: true, test: true }, 200);
        }
        const spam = await answerIfSpam(c, deps, ctx, { source: 'tilda', raw: logged(raw), record, status: 200 });
        if (spam) return spam;
        await createLeadFromIntake(
          ctx,
          { channel: 'site_form', intakeSource: 'tilda', ...mapTildaSubmission(record) },
          logged(raw),
        );
        return acceptedAnswer(c, 200);
      });
    },
  );
}
