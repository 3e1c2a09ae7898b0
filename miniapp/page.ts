import { Hono } from 'hono';
import { miniappEn } from '../bot/locales/miniapp-en.js';
import { miniappRu } from '../bot/locales/miniapp-ru.js';
import { appCss, appJs, assetVersion } from './assets.gen.js';

/**
 * Runs as soon as Telegram's script has given the page its initData: the first two API calls start
 * while the app's own code is still on its way, so the board paints one round trip sooner.
 * The app takes these answers once (miniapp/client/api.ts), under the same names. The route is read
 * as the app reads it (miniapp/client/main.ts): Telegram's launch parameters in the hash are no route.
 */
const EARLY_FETCH = `(function(){var w=window.Telegram&&window.Telegram.WebApp;var o={headers:{authorization:'tma '+(w&&w.initData||'')}};
var r=location.hash.slice(1).split('&')[0];if(r.indexOf('=')>=0)r='';
window.crmEarly={'/me':fetch('/app/api/me',o),'/board':!r||r==='board'?fetch('/app/api/board',o):undefined};})();`;

/**
 * The page and its script, served from strings built into the bundle (miniapp/assets.gen.ts,
 * `npm run build:app`), so Workers serve them without a filesystem. The CSS (under 2 KiB gzipped) is
 * inlined, so the first paint waits for no second request. The script is named by content version and
 * cached for a year; the page itself is never cached, so a deploy shows at once.
 */
export function miniAppPage() {
  const page = new Hono();
  const html = `<!doctype html>
<html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<title>CRM</title>
<style>${appCss}</style>
<link rel="modulepreload" href="/app/assets/app.${assetVersion}.js">
<script src="https://telegram.org/js/telegram-web-app.js"></script>
<script>${EARLY_FETCH}</script>
</head><body data-unauthorized-ru="${miniappRu.unauthorized}" data-unauthorized-en="${miniappEn.unauthorized}"><div id="app"></div>
<script type="module" src="/app/assets/app.${assetVersion}.js"></script>
</body></html>`;
  const immutable = 'public, max-age=31536000, immutable';
  page.get('/', (c) => c.html(html, 200, { 'cache-control': 'no-store' }));
  page.get(`/assets/app.${assetVersion}.js`, (c) =>
    c.body(appJs, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': immutable }),
  );
  return page;
}
