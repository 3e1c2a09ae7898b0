import { Hono } from 'hono';
import { miniappEn } from '../bot/locales/miniapp-en.js';
import { miniappRu } from '../bot/locales/miniapp-ru.js';
import { appCss, appJs, assetVersion } from './assets.gen.js';

/**
 * The page and its two assets, served from strings built into the bundle (miniapp/assets.gen.ts,
 * `npm run build:app`), so Workers serve them without a filesystem. Assets are named by content
 * version and cached for a year; the page itself is never cached, so a deploy shows at once.
 */
export function miniAppPage() {
  const page = new Hono();
  const html = `<!doctype html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<title>CRM</title>
<link rel="stylesheet" href="/app/assets/app.${assetVersion}.css">
<script src="https://telegram.org/js/telegram-web-app.js"></script>
</head><body data-unauthorized-ru="${miniappRu.unauthorized}" data-unauthorized-en="${miniappEn.unauthorized}"><div id="app"></div>
<script type="module" src="/app/assets/app.${assetVersion}.js"></script>
</body></html>`;
  const immutable = 'public, max-age=31536000, immutable';
  page.get('/', (c) => c.html(html, 200, { 'cache-control': 'no-store' }));
  page.get(`/assets/app.${assetVersion}.js`, (c) =>
    c.body(appJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': immutable }),
  );
  page.get(`/assets/app.${assetVersion}.css`, (c) =>
    c.body(appCss, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': immutable }),
  );
  return page;
}
