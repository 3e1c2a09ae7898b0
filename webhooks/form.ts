import { Hono } from 'hono';
import { cors } from 'hono/cors';
import type { AppDeps } from '../src/app-deps.js';
import { createLeadFromIntake } from '../src/core/intake/create-lead-from-intake.js';
import { sha256Hex } from '../src/core/shared/secrets.js';
import { webhookActor } from './actors.js';
import { limitBody } from './body-limit.js';
import { invalid } from './errors.js';
import { browserFormAnswers, REDIRECT_FIELD, thanksPage, THANKS_PATH } from './browser-form.js';
import { requireFormToken } from './form-token.js';
import { mapFormFields } from './form-fields.js';
import { logged, logRejections } from './log-rejections.js';
import { acceptedAnswer, answerIfSpam } from './public-intake.js';
import { rateLimit } from './rate-limit.js';
import { bodyToRecord, parseBody, readRawBody } from './raw-body.js';

/** Form fields that name the form itself rather than the visitor. */
const FORM_NAME_KEYS = ['form', 'form_name', 'formname', 'form_id', 'formid'];

/**
 * `POST /hooks/form?token=FORM_TOKEN`: any site form (JSON, urlencoded or multipart).
 * Every accepted submission answers `201 {"ok":true}`: a new lead, one that joined an open lead,
 * a retry (recognised by an `Idempotency-Key` header, when the form sends one) and caught spam alike.
 */
export function formRoutes(deps: AppDeps) {
  const actor = webhookActor('form');
  // Landing pages post with fetch() from their own origin; the token is public there anyway.
  const browsers = cors({
    origin: '*',
    allowMethods: ['POST'],
    allowHeaders: ['Content-Type', 'X-Api-Key', 'Idempotency-Key'],
    maxAge: 86_400,
  });
  // A plain <form method=post> gets a redirect or a page instead of JSON; fetch() keeps the JSON.
  return new Hono().use('/hooks/form', browsers).get(THANKS_PATH, thanksPage).post(
    '/hooks/form',
    browserFormAnswers(deps.config, deps.log),
    requireFormToken(deps.config, 'The site form endpoint'),
    rateLimit(deps, 'form', deps.config.FORM_RATE_LIMIT),
    limitBody(deps.config.MAX_BODY_BYTES),
    async (c) => {
      const raw = await readRawBody(c);
      const ctx = deps.core(actor);
      return logRejections(ctx, 'form', logged(raw), async () => {
        const record = bodyToRecord(await parseBody(raw, ['json', 'urlencoded', 'multipart']));
        const spam = await answerIfSpam(c, deps, ctx, { source: 'form', raw: logged(raw), record, status: 201 });
        if (spam) return spam;
        const idempotencyKey = c.req.header('idempotency-key');
        // Checked here: past this point it is the core's "externalId", a name the sender never used.
        if (idempotencyKey && idempotencyKey.length > 200) throw invalid('Idempotency-Key must be at most 200 characters');
        const formKey = Object.keys(record).find((k) => FORM_NAME_KEYS.includes(k.toLowerCase()));
        const formName = formKey ? String(record[formKey]).slice(0, 100) : null;
        const fields = mapFormFields(record, new Set([REDIRECT_FIELD, ...(formKey ? [formKey] : [])]));
        await createLeadFromIntake(
          ctx,
          {
            channel: 'site_form',
            intakeSource: 'form',
            source: formName ? `form:${formName}` : 'form',
            externalId: idempotencyKey ?? null,
            ...fields,
          },
          logged(raw),
          // The key comes from a public page: tie it to this body, so reusing it for another person is 409.
          idempotencyKey ? { requestHash: await sha256Hex(raw.body) } : {},
        );
        return acceptedAnswer(c, 201);
      });
    },
  );
}
