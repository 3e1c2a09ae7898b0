import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Language } from '../../../db/enums.js';
import { invites, members } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import type { CrmError } from '../shared/errors.js';
import { ruleBroken } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { memberActor, memberByTelegram, type MemberRow } from './member-by-telegram.js';
import { historyEntry } from '../shared/records.js';
import { sha256Hex } from '../shared/secrets.js';

export interface AcceptInviteInput {
  code: string;
  telegramId: number;
  chatId: number;
  name: string;
  username?: string | null;
  /** The Telegram client's language_code: the member's language until they change it with /lang. */
  languageCode?: string | null;
}

/** Russian speakers of neighbouring languages usually read Russian UIs; everyone else gets English. */
export function languageFromTelegram(code: string | null | undefined, fallback: Language): Language {
  if (!code) return fallback;
  return /^(ru|uk|be|kk)\b/i.test(code) ? 'ru' : 'en';
}

/**
 * Joins the team with a one-time code. The invite is spent by a conditional UPDATE (unused, not
 * expired), and the member row is written in the same batch only if that UPDATE marked the
 * invite as used by this very member id, so one code never makes two members.
 * A deactivated member coming back with a new code is reactivated with the new role.
 */
export async function acceptInvite(ctx: CoreContext, input: AcceptInviteInput): Promise<MemberRow> {
  const existing = await memberByTelegram(ctx, input.telegramId);
  if (existing?.active) throw ruleBroken('already_member', 'You are already on the team');
  const codeHash = await sha256Hex(input.code.trim());
  const now = ctx.now();
  const at = now.getTime();
  const memberId = existing?.id ?? newId();
  const spent = sql`EXISTS (SELECT 1 FROM invites WHERE code_hash = ${codeHash} AND used_by = ${memberId} AND used_at = ${at})`;
  const role = sql`(SELECT role FROM invites WHERE code_hash = ${codeHash})`;
  const language = languageFromTelegram(input.languageCode, 'ru');
  const { db } = ctx;

  // Builder queries only (no raw db.run): they ride in a batch on libSQL and D1 alike.
  await db.batch([
    db
      .update(invites)
      .set({ usedAt: now, usedBy: memberId })
      .where(and(eq(invites.codeHash, codeHash), isNull(invites.usedAt), gt(invites.expiresAt, now))),
    existing
      ? db
          .update(members)
          .set({ active: true, role: sql`${role}`, chatId: input.chatId, updatedAt: now })
          .where(and(eq(members.id, memberId), spent))
      : // Columns in the table's order: id, telegram_id, chat_id, name, username, phone, role, language,
        // time_zone, active, last_assigned_at, created_at, updated_at.
        db.insert(members).select(
          sql`SELECT ${memberId}, ${input.telegramId}, ${input.chatId}, ${input.name.slice(0, 200)}, ${input.username ?? null},
            NULL, ${role}, ${language}, ${ctx.settings.defaultTimeZone}, 1, NULL, ${at}, ${at} WHERE ${spent}`,
        ),
  ]);

  const member = await memberByTelegram(ctx, input.telegramId);
  if (!member?.active || member.id !== memberId) throw await whyRefused(ctx, codeHash, at);
  await historyEntry(db, {
    entityType: 'member',
    entityId: member.id,
    action: existing ? 'rejoined' : 'joined',
    actor: memberActor(member),
    at: now,
    changes: { role: member.role },
  });
  return member;
}

async function whyRefused(ctx: CoreContext, codeHash: string, at: number): Promise<CrmError> {
  const [invite] = await ctx.db.select().from(invites).where(eq(invites.codeHash, codeHash)).limit(1);
  if (!invite) return ruleBroken('invite_unknown', 'This invite code is not valid');
  if (invite.usedAt) return ruleBroken('invite_used', 'This invite code has already been used');
  if (invite.expiresAt.getTime() <= at) return ruleBroken('invite_expired', 'This invite code has expired');
  return ruleBroken('invite_unknown', 'This invite code is not valid');
}
