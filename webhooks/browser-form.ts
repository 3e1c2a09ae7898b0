import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Config } from '../src/config.js';
import { CrmError } from '../src/core/shared/errors.js';
import type { IntakeProblem } from '../src/core/intake/intake-lookup.js';
import type { Logger } from '../src/core/shared/logger.js';
import { describeError } from './errors.js';
import { PAGE_HEADERS, pageLanguage, renderFormPage, safeBackUrl, wordsFor } from './form-page.js';
import type { FormPageWords } from './form-page-words.js';
import { bodyToRecord, parseBody, readRawBody } from './raw-body.js';

export const THANKS_PATH = '/hooks/form/thanks';
/** The form field naming the thank-you URL; never stored with the lead. */
export const REDIRECT_FIELD = '_redirect';

/**
 * A browser submitting a `<form method=post>` navigates: it asks for HTML and sends
 * `Sec-Fetch-Mode: navigate` (Chromium, Firefox, Safari) or, in old browsers, no Sec-Fetch-* at all.
 * fetch() and XHR send `cors`/`same-origin`/`no-cors` and keep the JSON answers.
 */
export function isPlainFormPost(c: Context): boolean {
  const mode = c.req.header('sec-fetch-mode');
  return /text\/html/i.test(c.req.header('accept') ?? '') && (mode === undefined || mode === 'navigate');
}

/**
 * Turns the form route's JSON answer into what a visitor can use: a 303 to the site's thank-you
 * page (only to FORM_REDIRECT_ORIGINS), else to our own thank-you page, whose address carries
 * no token; an error becomes a page in the visitor's language saying what to fix, same status.
 */
export function browserFormAnswers(config: Config, log: Logger) {
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'POST' || !isPlainFormPost(c)) return next();
    await next();
    const status = c.res.status;
    const back = safeBackUrl(c.req.header('referer'));
    if (status >= 200 && status < 300) {
      const target = await redirectTarget(c);
      const allowed = target ? allowedRedirect(target, config.FORM_REDIRECT_ORIGINS) : null;
      if (target && !allowed) log.warn(`form: redirect to ${target.slice(0, 200)} refused: its origin is not in FORM_REDIRECT_ORIGINS`);
      c.res = undefined;
      c.res = new Response(null, { status: 303, headers: { location: allowed ?? thanksUrl(back), 'cache-control': 'no-store' } });
      return;
    }
    if (status < 400) return;
    const refused = c.res;
    const lang = pageLanguage(c.req.header('accept-language'));
    const words = wordsFor(lang);
    const text = whatToFix(words, c.error, status);
    c.res = undefined;
    c.res = new Response(renderFormPage(lang, words.errorTitle, text, back), {
      status,
      headers: { ...PAGE_HEADERS, ...retryAfter(refused) },
    });
  });
}

/** `GET /hooks/form/thanks?back=<page>`: the thank-you page, at an address without the token. */
export function thanksPage(c: Context) {
  const lang = pageLanguage(c.req.header('accept-language'));
  const words = wordsFor(lang);
  return new Response(renderFormPage(lang, words.thanksTitle, words.thanksText, safeBackUrl(c.req.query('back'))), {
    status: 200,
    headers: PAGE_HEADERS,
  });
}

function thanksUrl(back: string | null): string {
  return back ? `${THANKS_PATH}?${new URLSearchParams({ back })}` : THANKS_PATH;
}

/** `?redirect=` first, then a `_redirect` form field (the body is already read and cached by the route). */
async function redirectTarget(c: Context): Promise<string | null> {
  const fromQuery = c.req.query('redirect');
  if (fromQuery) return fromQuery;
  try {
    const record = bodyToRecord(await parseBody(await readRawBody(c), ['urlencoded', 'multipart', 'json']));
    const value = record[REDIRECT_FIELD];
    return typeof value === 'string' && value.trim() ? value.trim() : null;
  } catch {
    return null;
  }
}

export function allowedRedirect(target: string, origins: readonly string[]): string | null {
  try {
    const url = new URL(target);
    return origins.includes(url.origin) ? url.href : null;
  } catch {
    return null;
  }
}

function retryAfter(res: Response | undefined): Record<string, string> {
  const value = res?.headers.get('retry-after');
  return value ? { 'retry-after': value } : {};
}

function whatToFix(words: FormPageWords, err: unknown, status: number): string {
  if (err instanceof CrmError && err.code === 'VALIDATION') {
    const problem = err.details?.problem as IntakeProblem | undefined;
    if (problem?.kind === 'no_contact') return words.noContact;
    if (problem?.kind === 'bad_contact') {
      return [problem.phone ? words.badPhone(problem.phone) : '', problem.email ? words.badEmail(problem.email) : ''].filter(Boolean).join(' ');
    }
    if (problem?.kind === 'invalid') return words.badField(problem.field, problem.message);
  }
  if (status === 413) return words.tooLarge;
  if (status === 429) return words.tooMany;
  if (status === 409) return words.conflict;
  if (status === 422) return describeError(err)?.message ?? words.siteSetup(status);
  if (status >= 500 && status !== 503) return words.ourFault;
  return words.siteSetup(status);
}
