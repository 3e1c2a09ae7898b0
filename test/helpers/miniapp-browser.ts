import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Launch flags from TOOLCHAIN.md: no sandbox in the container, and no calls to outside hosts. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

/** Serves a Hono app on a loopback port, as the Node entry does. */
export async function serveApp(app: {
  fetch: (req: Request) => Response | Promise<Response>;
}): Promise<{ url: string; close: () => Promise<void> }> {
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const LIGHT_THEME = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#707579',
  link_color: '#3390ec',
  button_color: '#3390ec',
  button_text_color: '#ffffff',
  secondary_bg_color: '#f4f4f5',
  section_bg_color: '#ffffff',
  destructive_text_color: '#e53935',
};
export const DARK_THEME = {
  bg_color: '#212121',
  text_color: '#ffffff',
  hint_color: '#aaaaaa',
  link_color: '#8774e1',
  button_color: '#8774e1',
  button_text_color: '#ffffff',
  secondary_bg_color: '#181818',
  section_bg_color: '#212121',
  destructive_text_color: '#ff595a',
};

/**
 * A stand-in for https://telegram.org/js/telegram-web-app.js: what Telegram's client gives the page
 * (signed initData, the theme as --tg-theme-* variables, ready/expand, haptics), and nothing more.
 */
export function telegramStandIn(initData: string, theme: Record<string, string>, scheme: 'light' | 'dark'): string {
  return `(() => {
  const theme = ${JSON.stringify(theme)};
  for (const [k, v] of Object.entries(theme)) document.documentElement.style.setProperty('--tg-theme-' + k.replace(/_/g, '-'), v);
  window.Telegram = { WebApp: {
    initData: ${JSON.stringify(initData)},
    initDataUnsafe: Object.fromEntries(new URLSearchParams(${JSON.stringify(initData)})),
    colorScheme: ${JSON.stringify(scheme)}, themeParams: theme, platform: 'tdesktop', version: '8.0',
    ready() {}, expand() {}, HapticFeedback: { notificationOccurred() {} },
  } };
})();`;
}

/** A page that opens the Mini App the way Telegram would, with the stand-in script in place of Telegram's. */
export async function openMiniApp(
  browser: Browser,
  url: string,
  initData: string,
  opts: { scheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; deviceScaleFactor?: number } = {},
): Promise<Page> {
  const scheme = opts.scheme ?? 'light';
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 390, height: 760 },
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    colorScheme: scheme,
  });
  // Nothing leaves the machine: Telegram's script is answered locally, any other outside host is refused.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().url().startsWith('https://telegram.org/js/telegram-web-app.js')
      ? route.fulfill({
          contentType: 'text/javascript',
          body: telegramStandIn(initData, scheme === 'dark' ? DARK_THEME : LIGHT_THEME, scheme),
        })
      : route.abort(),
  );
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  return page;
}
