import { api, ApiError, setInitData } from './api.js';
import { boardView, prefetchBoard } from './board.js';
import { dashboardView } from './dashboard.js';
import { dayView } from './day.js';
import { h, handlerErrors, mount } from './dom.js';
import { leadsView } from './leads.js';
import { recordView } from './record.js';
import { app, haptic, isLeadership, toast, tr } from './state.js';
import type { Me } from './types.js';

/**
 * The Mini App: tabs for the board, my day, leads and (heads, owner) the dashboard; a record opens
 * by #deal/ID or #lead/ID. The first board is asked for together with /me, so it paints in one round trip.
 */
const shell = document.getElementById('app')!;
const tg = window.Telegram?.WebApp;
tg?.ready();
tg?.expand();
setInitData(tg?.initData ?? '');
document.documentElement.dataset.scheme = tg?.colorScheme ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');

handlerErrors.report = (e) => {
  haptic('error');
  toast(e instanceof Error ? e.message : String(e));
};

const tabs = [
  ['board', 'tabBoard'],
  ['day', 'tabDay'],
  ['leads', 'tabLeads'],
  ['dashboard', 'tabDashboard'],
] as const;

/**
 * The page's own route in the hash ("deal/ID", "day"), without the launch parameters Telegram may add
 * there ("tgWebAppData=...&tgWebAppVersion=..."): a part with "=" is Telegram's, not a route.
 */
function currentRoute(): string {
  const first = location.hash.slice(1).split('&')[0] ?? '';
  return first.includes('=') ? '' : first;
}

const go = (hash: string) => {
  if (currentRoute() === hash) void route();
  else location.hash = hash;
};

let content: HTMLElement;
let nav: HTMLElement;

async function route(): Promise<void> {
  const [first, id = ''] = currentRoute().split('/');
  const view = first || 'board';
  for (const a of nav.querySelectorAll('a')) a.classList.toggle('on', a.dataset.tab === view);
  content.dataset.view = view;
  try {
    if (view === 'day') await dayView(content, go);
    else if (view === 'leads') await leadsView(content, go);
    else if (view === 'dashboard' && isLeadership()) await dashboardView(content);
    else if ((view === 'deal' || view === 'lead') && id) await recordView(content, view, id);
    else await boardView(content, go);
  } catch (e) {
    mount(content, h('div', { class: 'error' }, e instanceof ApiError ? e.message : tr('failed')));
  }
}

async function start(): Promise<void> {
  mount(shell, h('div', { class: 'hint center' }, '…'));
  try {
    const meP = api<Me>('/me');
    if (['', 'board'].includes(currentRoute())) prefetchBoard();
    app.me = await meP;
  } catch (e) {
    // Nobody is known yet, so the page's own tag carries the sentence in both languages (server-side locales).
    const text = document.body.dataset[navigator.language.startsWith('ru') ? 'unauthorizedRu' : 'unauthorizedEn'];
    mount(shell, h('div', { class: 'error center' }, e instanceof ApiError && e.status === 401 ? text : String(e)));
    return;
  }
  document.documentElement.lang = app.me.member.language;
  nav = h(
    'nav',
    { class: 'tabs' },
    tabs.filter(([k]) => k !== 'dashboard' || isLeadership()).map(([k, label]) => h('a', { href: `#${k}`, 'data-tab': k }, tr(label))),
  );
  content = h('main', { class: 'content' });
  mount(shell, nav, content);
  addEventListener('hashchange', () => void route());
  await route();
}

void start();
