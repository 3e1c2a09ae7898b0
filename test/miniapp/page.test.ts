import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAssets } from '../../miniapp/build.js';
import { useMiniApp } from '../helpers/miniapp.js';

describe('Mini App page and assets', () => {
  const t = useMiniApp();

  it('serves the page with Telegram’s script, its CSS inline and its versioned, long-cached script from the bundle', async () => {
    const page = await t.app.request('/app');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('https://telegram.org/js/telegram-web-app.js');
    const js = /src="(\/app\/assets\/app\.\w+\.js)"/.exec(html)![1]!;
    // The CSS is in the page itself (no second request before the first paint), the script is preloaded.
    expect(/<style>[^<]*\.column\{/.exec(html)).not.toBeNull();
    expect(html).toContain(`<link rel="modulepreload" href="${js}">`);
    const jsRes = await t.app.request(js);
    expect(jsRes.status).toBe(200);
    expect(jsRes.headers.get('content-type')).toContain('text/javascript');
    expect(jsRes.headers.get('cache-control')).toContain('immutable');
    expect((await jsRes.text()).length).toBeGreaterThan(1000);
  });

  it('keeps miniapp/assets.gen.ts in step with miniapp/client (npm run build:app)', async () => {
    const { source } = await buildAssets();
    expect(readFileSync(new URL('../../miniapp/assets.gen.ts', import.meta.url), 'utf8')).toBe(source);
  });

  it('answers unknown API paths with JSON 404 after sign-in, and 401 before', async () => {
    expect((await t.app.request('/app/api/nope')).status).toBe(401);
  });
});
