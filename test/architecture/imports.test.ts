import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Who may import whom (README "How the code is laid out"): the adapters bot/, webhooks/ and miniapp/
 * sit side by side over src/core. The Mini App reuses the bot's words (bot/i18n.ts, bot/locales/,
 * bot/render/) so both say the same thing, and nothing else of the bot; nothing imports the Mini App
 * but the composition root; the page's own code (miniapp/client/) carries no server code at all.
 */
const root = resolve(import.meta.dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.ts$/.exec(name) && !/\.gen\.ts$/.exec(name) ? [path] : [];
  });
}

/** Every relative import of a file, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+'(\.{1,2}\/[^']+)'/g))
    found.push(relative(root, resolve(root, file, '..', m[1]!)).replace(/\.js$/, '.ts'));
  return found;
}

function offending(dirs: string[], bad: (target: string, file: string) => boolean): string[] {
  return dirs.flatMap((dir) =>
    sources(dir).flatMap((file) =>
      importsOf(file)
        .filter((t) => bad(t, file))
        .map((t) => `${file} -> ${t}`),
    ),
  );
}

const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);
const BOT_WORDS = ['bot/i18n.ts', 'bot/locales', 'bot/render'];

describe('import direction', () => {
  it('bot/, webhooks/ and src/ below the composition root never import the Mini App', () => {
    const rootFiles = (file: string) => file === 'src/app.ts' || under(file, 'src/entry');
    expect(offending(['bot', 'webhooks', 'src'], (t, file) => under(t, 'miniapp') && !rootFiles(file))).toEqual([]);
  });

  it('the Mini App takes only the bot’s words from bot/, and nothing from webhooks/', () => {
    // The scan sees the imports it is about (multi-line ones too).
    expect(importsOf('miniapp/present.ts')).toEqual(
      expect.arrayContaining(['bot/i18n.ts', 'bot/render/history-event.ts', 'src/core/deals/get-deal-board.ts']),
    );
    const server = sources('miniapp').filter((f) => !under(f, 'miniapp/client'));
    const bad = server.flatMap((file) =>
      importsOf(file)
        .filter((t) => (under(t, 'bot') && !BOT_WORDS.some((w) => under(t, w))) || under(t, 'webhooks'))
        .map((t) => `${file} -> ${t}`),
    );
    expect(bad).toEqual([]);
  });

  it('the page’s code imports nothing outside miniapp/client, so the bundle carries no server code', () => {
    expect(offending(['miniapp/client'], (t) => !under(t, 'miniapp/client'))).toEqual([]);
  });

  it('src/core imports neither an adapter nor grammY or Hono', () => {
    const adapters = offending(['src/core'], (t) => ['bot', 'webhooks', 'miniapp'].some((d) => under(t, d)));
    const frameworks = sources('src/core').filter((f) => /from '(grammy|hono)[/']/.exec(readFileSync(join(root, f), 'utf8')));
    expect([...adapters, ...frameworks]).toEqual([]);
  });
});

/** Each import cycle found, as the files on it: a depth-first walk that meets a file it has not left yet. */
function cycles(files: string[]): string[] {
  const inScope = new Set(files);
  const state = new Map<string, 'open' | 'done'>();
  const found = new Set<string>();
  const walk = (path: string[]): void => {
    const file = path[path.length - 1]!;
    state.set(file, 'open');
    for (const next of importsOf(file).filter((t) => inScope.has(t))) {
      if (state.get(next) === 'open') found.add(path.slice(path.indexOf(next)).sort().join(' <-> '));
      else if (!state.has(next)) walk([...path, next]);
    }
    state.set(file, 'done');
  };
  for (const file of files) if (!state.has(file)) walk([file]);
  return [...found];
}

describe('import circles', () => {
  it('the bot, the core, the jobs, the webhooks and the Mini App import nothing that imports them back', () => {
    expect(cycles(['bot', 'src', 'webhooks', 'miniapp', 'db'].flatMap(sources))).toEqual([]);
  });
});

describe('src/core by domain', () => {
  it('keeps every use case in a domain folder, and no barrel re-exports them', () => {
    const loose = readdirSync(join(root, 'src/core')).filter((name) => name.endsWith('.ts'));
    const barrels = sources('src/core').filter((f) => f.endsWith('/index.ts'));
    expect({ loose, barrels }).toEqual({ loose: [], barrels: [] });
  });
});
