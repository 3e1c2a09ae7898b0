import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type * as PdfJs from 'unpdf/pdfjs';
import { launchChromium } from '../../test/helpers/miniapp-browser.js';
import { chatPage, type ChatView, type EmojiSource } from './chat-html.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const ROBOTO = packageDir('@expo-google-fonts/roboto');
const TWEMOJI = packageDir('@twemoji/svg');
/** pdf.js as unpdf ships it (one module with its worker inside): runs in the browser as well. */
const PDFJS = join(dirname(require.resolve('unpdf')), 'pdfjs.mjs');
const CSS = readFileSync(new URL('./chat.css', import.meta.url), 'utf8');

/** A made-up origin the page loads everything from; requests to it are answered here, nothing leaves the machine. */
const ORIGIN = 'http://docs-images.local';

/** Twemoji file names: code points in hex joined by "-", without U+FE0F unless the emoji is a ZWJ sequence. */
export function twemojiName(emoji: string): string {
  const chars = emoji.includes('\u200D') ? emoji : emoji.replace(/\uFE0F/g, '');
  return [...chars].map((c) => c.codePointAt(0)!.toString(16)).join('-');
}

export const twemoji: EmojiSource = (emoji) => {
  const name = twemojiName(emoji);
  return existsSync(join(TWEMOJI, `${name}.svg`)) ? `/emoji/${name}.svg` : null;
};

const TYPES: Record<string, string> = {
  ttf: 'font/ttf',
  svg: 'image/svg+xml',
  mjs: 'text/javascript',
  pdf: 'application/pdf',
  html: 'text/html',
};

/**
 * Headless Chromium with a page that can draw chats and PDF pages. Fonts (Roboto, with Cyrillic),
 * emoji pictures and pdf.js come from npm packages, so the pictures look the same on any machine.
 */
export class Studio {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly files: Map<string, Uint8Array | string>,
  ) {}

  static async open(): Promise<Studio> {
    const browser = await launchChromium();
    const page = await browser.newPage({ deviceScaleFactor: 2, viewport: { width: 900, height: 900 } });
    const files = new Map<string, Uint8Array | string>();
    await page.route(`${ORIGIN}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      const body = files.get(path) ?? fileFor(path);
      const ext = path.split('.').pop() ?? 'html';
      return body === undefined
        ? route.fulfill({ status: 404 })
        : route.fulfill({ body: body as Buffer, contentType: TYPES[ext] ?? 'application/octet-stream' });
    });
    return new Studio(browser, page, files);
  }

  /** The chat as a PNG, cropped to the chat itself. */
  async chat(view: ChatView): Promise<Uint8Array> {
    this.files.set('/chat.html', chatPage(view, twemoji, CSS));
    await this.page.goto(`${ORIGIN}/chat.html`);
    await this.page.evaluate(() => document.fonts.ready);
    await this.page.waitForFunction(() => [...document.images].every((i) => i.complete));
    return this.page.locator('#chat').screenshot({ type: 'png', animations: 'disabled' });
  }

  /** Page `n` of a PDF drawn by pdf.js onto a canvas `width` pixels wide, with a thin frame so a white page shows on white. */
  async pdfPage(pdf: Uint8Array, width: number, n = 1): Promise<Uint8Array> {
    // Playwright sends Buffers; the upload is a view into the multipart body.
    this.files.set('/doc.pdf', Buffer.from(pdf));
    this.files.set('/pdf.html', '<!doctype html><html><body style="margin:0"></body></html>');
    await this.page.goto(`${ORIGIN}/pdf.html`);
    const dataUrl = await this.page.evaluate(
      async ({ n, width }) => {
        const pdfjs = (await import(`${location.origin}/pdfjs.mjs`)) as typeof PdfJs;
        const data = new Uint8Array(await (await fetch('/doc.pdf')).arrayBuffer());
        const doc = await pdfjs.getDocument({ data, isEvalSupported: false }).promise;
        const page = await doc.getPage(n);
        const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
        const canvas = document.createElement('canvas');
        canvas.width = Math.round(viewport.width);
        canvas.height = Math.round(viewport.height);
        const ctx = canvas.getContext('2d')!;
        await page.render({ canvasContext: ctx, canvas, viewport }).promise;
        ctx.strokeStyle = '#d0d7de';
        ctx.lineWidth = 2;
        ctx.strokeRect(1, 1, canvas.width - 2, canvas.height - 2);
        return canvas.toDataURL('image/png');
      },
      { n, width },
    );
    return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

function fileFor(path: string): Buffer | undefined {
  const font = /^\/fonts\/(Roboto_(\w+)\.ttf)$/.exec(path);
  if (font) return readFileSync(join(ROBOTO, font[2]!, font[1]!));
  const emoji = /^\/emoji\/([0-9a-f-]+\.svg)$/.exec(path);
  if (emoji) return readFileSync(join(TWEMOJI, emoji[1]!));
  if (path === '/pdfjs.mjs') return readFileSync(PDFJS);
  return undefined;
}
