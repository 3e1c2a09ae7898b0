import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.js';
import { launchChromium, serveApp } from '../helpers/miniapp-browser.js';
import { FORM_TOKEN, urlencoded, webhookApp, type WebhookApp } from '../helpers/webhook-app.js';

const NAME = 'Иван Петров';
const COMMENT = 'Перезвоните после 18:00, пожалуйста';

/** The site: a landing page on its own origin, with a Cyrillic form posting to the CRM, and a thank-you page. */
function sitePage(crm: string, opts: { redirect?: string; phone: string }): string {
  const redirect = opts.redirect ? `<input type="hidden" name="_redirect" value="${opts.redirect}">` : '';
  return `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>Лендинг</title></head><body>
<form id="f" method="post" action="${crm}/hooks/form?token=${FORM_TOKEN}">
${redirect}
<input name="name" value=""><input name="phone" value="${opts.phone}"><textarea name="comment"></textarea>
<button type="submit">Отправить</button></form></body></html>`;
}

async function startSite(crm: () => string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (u.pathname === '/thanks') return res.end('<!doctype html><meta charset="utf-8"><h1>Спасибо от сайта</h1>');
    const redirect = u.searchParams.get('redirect') ?? undefined;
    res.end(sitePage(crm(), { phone: u.searchParams.get('phone') ?? '', ...(redirect ? { redirect } : {}) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('a plain HTML form and fetch() from another origin, in Chromium', () => {
  let t: WebhookApp;
  let crm: { url: string; close: () => Promise<void> };
  let site: { server: Server; url: string };
  let browser: Browser;

  beforeAll(async () => {
    site = await startSite(() => crm.url);
    t = await webhookApp({ FORM_REDIRECT_ORIGINS: site.url });
    crm = await serveApp(t.app);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await crm?.close();
    await new Promise((resolve) => site?.server.close(resolve));
    t?.close();
  });

  async function fillAndSubmit(query: string) {
    const page = await browser.newPage({ locale: 'ru-RU', extraHTTPHeaders: { 'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8' } });
    await page.goto(`${site.url}/?${query}`);
    await page.fill('input[name=name]', NAME);
    await page.fill('textarea[name=comment]', COMMENT);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    return page;
  }

  async function storedLead(phone: string) {
    const rows = await t.db.select().from(leads);
    return rows.find((l) => l.phone === phone);
  }

  it('a plain post lands on the allowed thank-you URL and stores the Cyrillic text exactly', async () => {
    const page = await fillAndSubmit(`phone=${encodeURIComponent('+7 912 345-67-01')}&redirect=${encodeURIComponent(`${site.url}/thanks`)}`);
    expect(page.url()).toBe(`${site.url}/thanks`);
    expect(await page.textContent('h1')).toBe('Спасибо от сайта');
    const lead = await storedLead('+79123456701');
    expect(lead).toMatchObject({ name: NAME, comment: COMMENT, channel: 'site_form' });
    expect(lead?.extra ?? {}).not.toHaveProperty('_redirect');
    await page.close();
  });

  it('without a redirect, the thank-you page is in Russian with a link back, and no token in the address', async () => {
    const page = await fillAndSubmit(`phone=${encodeURIComponent('+7 912 345-67-02')}`);
    expect(page.url().startsWith(`${crm.url}/hooks/form/thanks`)).toBe(true);
    expect(page.url()).not.toContain(FORM_TOKEN);
    expect(await page.textContent('h1')).toBe('Спасибо, заявка отправлена');
    expect(await page.textContent('main')).toContain('Мы получили вашу заявку');
    const back = page.locator('a', { hasText: 'Вернуться на сайт' });
    // Chromium's default Referrer-Policy (strict-origin-when-cross-origin) sends only the site's origin.
    expect(await back.getAttribute('href')).toBe(`${site.url}/`);
    expect(await storedLead('+79123456702')).toMatchObject({ name: NAME, comment: COMMENT });
    await page.close();
  });

  it('fetch() from the site page gets today’s JSON with CORS, and the text is stored exactly', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/`);
    const answer = await page.evaluate(
      async ({ url, name, comment }) => {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, comment, phone: '+7 912 345-67-03' }),
        });
        return { status: res.status, body: await res.json() };
      },
      { url: `${crm.url}/hooks/form?token=${FORM_TOKEN}`, name: NAME, comment: COMMENT },
    );
    expect(answer).toEqual({ status: 201, body: { ok: true } });
    expect(await storedLead('+79123456703')).toMatchObject({ name: NAME, comment: COMMENT });
    await page.close();
  });
});

describe('plain form posts answered by app.request', () => {
  let t: WebhookApp;
  beforeAll(async () => {
    t = await webhookApp({ FORM_REDIRECT_ORIGINS: 'https://shop.example.ru' });
  });
  afterAll(() => t.close());

  const navigate = (fields: Record<string, string>, headers: Record<string, string> = {}, token = FORM_TOKEN) => {
    const init = urlencoded(fields);
    return t.request(`/hooks/form?token=${token}`, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
        'sec-fetch-mode': 'navigate',
        'sec-fetch-dest': 'document',
        ...headers,
      },
    });
  };

  it('redirects only to a listed origin; another origin gets the thank-you page instead', async () => {
    const ok = await navigate({ phone: '+7 912 000-00-01', _redirect: 'https://shop.example.ru/spasibo' });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('https://shop.example.ru/spasibo');

    const evil = await navigate(
      { phone: '+7 912 000-00-02', _redirect: 'https://evil.example/phish' },
      { referer: 'https://shop.example.ru/landing', 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(evil.status).toBe(303);
    const location = evil.headers.get('location')!;
    expect(location).not.toContain('evil.example');
    expect(location.startsWith('/hooks/form/thanks?')).toBe(true);
    const thanks = await t.request(location, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(thanks.status).toBe(200);
    const html = await thanks.text();
    expect(html).toContain('Thank you, your request was sent');
    expect(html).toContain('<a href="https://shop.example.ru/landing">Back to the site</a>');
    expect(await t.leadCount()).toBe(2);
  });

  it('a bot that fills the hidden _gotcha field is sent to the thank-you page like a person, and nothing is stored', async () => {
    const before = await t.leadCount();
    const bot = await navigate({ phone: '+7 912 000-00-09', _gotcha: 'x', _redirect: 'https://shop.example.ru/spasibo' });
    expect(bot.status).toBe(303);
    expect(bot.headers.get('location')).toBe('https://shop.example.ru/spasibo');
    const noTarget = await navigate({ phone: '+7 912 000-00-10', _gotcha: 'x' }, { referer: 'https://shop.example.ru/landing' });
    expect(noTarget.status).toBe(303);
    expect(noTarget.headers.get('location')).toBe('/hooks/form/thanks?back=https%3A%2F%2Fshop.example.ru%2Flanding');
    expect(await t.leadCount()).toBe(before);
  });

  it('never links back to a javascript: address and escapes what it shows', async () => {
    const res = await t.request('/hooks/form/thanks?back=javascript:alert(1)');
    expect(await res.text()).not.toContain('javascript:');
    const bad = await navigate({ phone: '<script>x</script>' }, { referer: 'https://shop.example.ru/a?"><b>' });
    const html = await bad.text();
    expect(html).not.toContain('<script>x');
    expect(html).toContain('&#60;script&#62;x&#60;/script&#62;');
    expect(html).not.toContain('"><b>');
  });

  it('an error is a page in the visitor’s language saying what to fix, with the 4xx status and a back link', async () => {
    const res = await navigate({ name: 'Иван' }, { referer: 'https://shop.example.ru/landing', 'accept-language': 'ru,en;q=0.5' });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('Заявка не отправлена');
    expect(html).toContain('Укажите телефон или e-mail');
    expect(html).toContain('<a href="https://shop.example.ru/landing">Вернуться на сайт</a>');

    const wrongToken = await navigate({ phone: '+7 912 000-00-03' }, { 'accept-language': 'en' }, 'nope');
    expect(wrongToken.status).toBe(401);
    expect(await wrongToken.text()).toContain('The form on this site is set up wrongly (error 401)');
  });

  it('fetch() and JSON clients keep the JSON answers', async () => {
    const res = await t.request(`/hooks/form?token=${FORM_TOKEN}`, {
      ...urlencoded({ name: 'Иван' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: '*/*', 'sec-fetch-mode': 'cors' },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe('validation');
  });
});
