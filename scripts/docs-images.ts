/**
 * `npm run docs:images`: the README's pictures, made by the product itself. A web studio's week
 * and a Monday morning are played through the real bot (grammY) against the strict fake Bot API
 * over a fresh libSQL database with a fixed clock; the messages it sent are drawn as Telegram
 * shows them by headless Chromium. The weekly chart is the PNG the bot sent, and the proposal
 * is page one of the PDF it sent, drawn by pdf.js. Writes docs/images/*.png and prints sizes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ChatMessage } from './docs-images/capture.js';
import type { ChatView } from './docs-images/chat-html.js';
import { playStory } from './docs-images/story.js';
import { Studio } from './docs-images/studio.js';

const started = performance.now();
const out = new URL('../docs/images/', import.meta.url);
mkdirSync(out, { recursive: true });

const story = await playStory();
const played = performance.now();

const chat = (kind: ChatView['kind'], messages: ChatMessage[]): ChatView => ({
  kind,
  title: kind === 'group' ? 'Отдел продаж' : 'CRM студии',
  subtitle: kind === 'group' ? '5 участников' : 'бот',
  sender: 'CRM студии',
  day: '23 ноября',
  editedLabel: 'изменено',
  timeZone: 'Europe/Moscow',
  messages,
});

const studio = await Studio.open();
const written: { file: string; bytes: number }[] = [];
const write = (file: string, png: Uint8Array) => {
  writeFileSync(new URL(file, out), png);
  written.push({ file, bytes: png.byteLength });
};
try {
  write('bot-team-chat.png', await studio.chat(chat('group', story.teamChat)));
  write('bot-lead-card.png', await studio.chat(chat('private', [story.privateCard])));
  write('bot-morning-list.png', await studio.chat(chat('private', [story.morningList])));
  write('weekly-report-chart.png', story.chart.png);
  write('proposal-page-1.png', await studio.pdfPage(story.proposal.pdf, 900));
} finally {
  await studio.close();
}

for (const { file, bytes } of written) console.log(`docs/images/${file.padEnd(26)} ${(bytes / 1024).toFixed(0).padStart(4)} KB`);
console.log(`story ${((played - started) / 1000).toFixed(1)} s, pictures ${((performance.now() - played) / 1000).toFixed(1)} s`);
