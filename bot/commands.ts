import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Language, Role } from '../db/enums.js';
import { messages, type Messages } from './i18n.js';

/** Who may use a command; the handler enforces it (or the core does), this only decides what /help shows. */
type Audience = 'everyone' | 'leadership' | 'owner';

/** Every command the features handle, in menu order: daily work first, the leadership's tools after. */
const COMMANDS = [
  ['leads', 'everyone'],
  ['pool', 'everyone'],
  ['new', 'everyone'],
  ['find', 'everyone'],
  ['deals', 'everyone'],
  ['contacts', 'everyone'],
  ['export', 'everyone'],
  ['tz', 'everyone'],
  ['lang', 'everyone'],
  ['team', 'leadership'],
  ['invite', 'leadership'],
  ['audit', 'leadership'],
  ['report', 'leadership'],
  ['products', 'owner'],
  ['settings', 'owner'],
  ['help', 'everyone'],
] as const satisfies readonly (readonly [keyof Messages['commands'], Audience])[];

function allowed(audience: Audience, role: Role | undefined): boolean {
  if (audience === 'everyone') return true;
  if (audience === 'owner') return role === 'owner';
  return role === 'owner' || role === 'head';
}

/**
 * The menu lists every command (Telegram's menu is per language, not per person); the
 * descriptions name the roles of the restricted ones, and /help shows each member only theirs.
 */
export function commandList(lang: Language): BotCommand[] {
  const t = messages(lang);
  return COMMANDS.map(([command]) => ({ command, description: t.commands[command] }));
}

/** /help for one member: the commands their role may use, plus the CSV import line for the owner and heads. */
export function helpText(t: Messages, role: Role | undefined): string {
  const lines = [t.help.title];
  for (const [command, audience] of COMMANDS) if (allowed(audience, role)) lines.push(`/${command} — ${t.help.lines[command]}`);
  if (allowed('leadership', role)) lines.push(t.help.csv);
  lines.push(t.help.notes);
  return lines.join('\n');
}

/**
 * The command menu in both languages: Telegram shows the Russian list to Russian clients and the
 * default one to everybody else. Called once at startup, not per update.
 */
export async function registerCommands(api: Api, defaultLanguage: Language): Promise<void> {
  await api.setMyCommands(commandList(defaultLanguage));
  await api.setMyCommands(commandList('ru'), { language_code: 'ru' });
  await api.setMyCommands(commandList('en'), { language_code: 'en' });
}
