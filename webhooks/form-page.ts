import { FORM_PAGE_WORDS, type FormPageLanguage, type FormPageWords } from './form-page-words.js';

/** Russian unless the browser prefers English over Russian in Accept-Language. */
export function pageLanguage(acceptLanguage: string | undefined): FormPageLanguage {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.split('-')[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => (x.lang === 'ru' || x.lang === 'en') && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.lang === 'en' ? 'en' : 'ru';
}

export function wordsFor(lang: FormPageLanguage): FormPageWords {
  return FORM_PAGE_WORDS[lang];
}

/** A link back only to an ordinary web page: never javascript:, data: or anything else. */
export function safeBackUrl(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * The page's headers: nothing runs, nothing loads from elsewhere, and no Referer leaves it,
 * so the form's URL (with its token) is not handed to the next page.
 */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

export function renderFormPage(lang: FormPageLanguage, title: string, text: string, back: string | null): string {
  const words = wordsFor(lang);
  const link = back ? `<p><a href="${escapeHtml(back)}">${escapeHtml(words.back)}</a></p>` : '';
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}h1{font-size:1.4rem}</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${link}</main></body>
</html>
`;
}
