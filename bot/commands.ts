import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Language } from '../db/enums.js';
import { messages } from './i18n.js';

const COMMANDS = ['leads', 'new', 'find', 'team', 'invite', 'lang', 'help'] as const;

export function commandList(lang: Language): BotCommand[] {
  const t = messages(lang);
  return COMMANDS.map((command) => ({ command, description: t.commands[command] }));
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
