import type { Api } from 'grammy';
import type { BotCommand } from 'grammy/types';
import type { Language, Role } from '../db/enums.js';
import type { CoreContext } from '../src/core/shared/context.js';
import type { Logger } from '../src/core/shared/logger.js';
import { activeMembers, inactiveMemberChats } from '../src/core/team/team.js';
import { messages, type Messages } from './i18n.js';

/** Who may use a command; the handler enforces it (or the core does), this decides what the menu and /help show. */
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

/** The menu of a member with this role (the owner's, with every command, when no role is given). */
export function commandList(lang: Language, role: Role = 'owner'): BotCommand[] {
  const t = messages(lang);
  return COMMANDS.filter(([, audience]) => allowed(audience, role)).map(([command]) => ({ command, description: t.commands[command] }));
}

/**
 * What everybody else sees (Telegram's default scope): strangers and clients who write to the bot
 * may only start it, with an invite code or to talk to the company; team commands are not theirs.
 */
export function publicCommandList(lang: Language): BotCommand[] {
  return [{ command: 'start', description: messages(lang).commands.start }];
}

/** /help for one member: the commands their role may use, plus the CSV import line for the owner and heads. */
export function helpText(t: Messages, role: Role | undefined): string {
  const lines = [t.help.title];
  for (const [command, audience] of COMMANDS) if (allowed(audience, role)) lines.push(`/${command} — ${t.help.lines[command]}`);
  if (allowed('leadership', role)) lines.push(t.help.csv);
  lines.push(t.help.notes);
  return lines.join('\n');
}

/** Whose menu: their private chat, their role, their language. */
export interface MenuMember {
  chatId: number;
  role: Role;
  language: Language;
}

const chatScope = (chatId: number) => ({ type: 'chat' as const, chat_id: chatId });

/**
 * A member's own menu, scoped to their private chat (Telegram prefers a chat's menu to the
 * default one): the commands of their role in their language. Set on joining, on a role or
 * language change, and for everyone by `syncCommandMenus`.
 */
export async function setMemberCommands(api: Api, member: MenuMember): Promise<void> {
  await api.setMyCommands(commandList(member.language, member.role), { scope: chatScope(member.chatId) });
}

/** After a change from the bot (joined, new role, new language): the menu is a convenience, so a refusal is logged, not shown. */
export async function refreshMemberMenu(ctx: { api: Api; crm: { deps: { log: Logger } } }, member: MenuMember): Promise<void> {
  await setMemberCommands(ctx.api, member).catch((e: unknown) =>
    ctx.crm.deps.log.warn(`bot: setMyCommands for chat ${member.chatId} failed`, e),
  );
}

/** A deactivated member's chat falls back to the default (public) menu. */
export async function forgetMemberCommands(api: Api, chatId: number): Promise<void> {
  await api.deleteMyCommands({ scope: chatScope(chatId) });
}

/**
 * The default menus (the public one, in the default language and in each language Telegram
 * matches by the client's language_code), then each active member's own, and none for the
 * deactivated. One member's refusal (a chat Telegram no longer knows) does not stop the others;
 * the failures are returned for the caller to log.
 */
export async function syncCommandMenus(
  api: Api,
  /** null: no team to read (a CLI without the database): the public menus only. */
  ctx: Pick<CoreContext, 'db'> | null,
  defaultLanguage: Language,
): Promise<{ members: number; failed: { chatId: number; error: unknown }[] }> {
  await api.setMyCommands(publicCommandList(defaultLanguage));
  await api.setMyCommands(publicCommandList('ru'), { language_code: 'ru' });
  await api.setMyCommands(publicCommandList('en'), { language_code: 'en' });
  const failed: { chatId: number; error: unknown }[] = [];
  if (!ctx) return { members: 0, failed };
  const team = await activeMembers(ctx);
  for (const member of team) await setMemberCommands(api, member).catch((error: unknown) => failed.push({ chatId: member.chatId, error }));
  for (const chatId of await inactiveMemberChats(ctx)) await forgetMemberCommands(api, chatId).catch(() => undefined);
  return { members: team.length - failed.length, failed };
}
