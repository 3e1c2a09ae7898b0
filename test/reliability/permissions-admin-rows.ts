import { and, eq } from 'drizzle-orm';
import type { Role } from '../../db/enums.js';
import { invites, leads, members, products } from '../../db/schema/index.js';
import { cb } from '../../bot/callback-data.js';
import { dcb } from '../../bot/deal-callback-data.js';
import { scb } from '../../bot/settings-input.js';
import { systemActor } from '../../src/core/shared/context.js';
import { addProduct } from '../../src/core/products/add-product.js';
import { getVatSetting } from '../../src/core/proposals/vat-settings.js';
import { addMember } from '../helpers/members.js';
import { isRefusal, type BotRow, type CellEnv, type Output } from './permissions-cell.js';
import { answer, press, say, t, type BotCol } from './permissions-world.js';

const LEADERS: readonly BotCol[] = ['head', 'owner'];
const OWNER: readonly BotCol[] = ['owner'];
const ACTIVE: readonly BotCol[] = ['mgrOwn', 'head', 'owner'];

const served = (out: Output) => out.texts.some((x) => !isRefusal(x));
let serial = 0;

const productOf = async (c: CellEnv) => (await c.pw.w.h.db.select().from(products).where(eq(products.id, c.extra.productId!)))[0]!;
const memberOf = async (c: CellEnv) => (await c.pw.w.h.db.select().from(members).where(eq(members.id, c.extra.memberId!)))[0]!;
const freshProduct = async (c: { w: CellEnv['pw']['w'] }) => ({
  productId: (await addProduct(c.w.deps.core(systemActor), { name: `Widget ${++serial}`, price: 500_000 })).id,
});
const freshManager = async (c: { w: CellEnv['pw']['w'] }) => ({ memberId: (await addMember(c.w.h.db, `Newbie ${++serial}`, 'manager', { language: 'en' })).id });

function inviteRow(role: string, allow: readonly BotCol[]): BotRow {
  return {
    name: `/invite ${role}`,
    scope: 'role',
    needs: 'none',
    allow,
    run: (c) => press(c.pw, cb.invite(role)),
    effect: async (c) =>
      (await c.pw.w.h.db.select().from(invites).where(and(eq(invites.role, role as Role), eq(invites.createdBy, c.pw.actor.id ?? '')))).length === 1,
  };
}

/** Who-you-are actions: the catalogue, the team, invites, CSV import and the leadership reports. */
export const ADMIN_ROWS: BotRow[] = [
  {
    name: '/new lead',
    scope: 'role',
    needs: 'none',
    allow: ACTIVE,
    prepare: async () => ({ phone: `+7 917 ${String(10_000_000 + ++serial).slice(1)}` }),
    run: async (c) => {
      await say(c.pw, '/new');
      await say(c.pw, 'Walk-in Client');
      await say(c.pw, c.extra.phone!);
      await press(c.pw, cb.newLeadChannel('manual'));
    },
    effect: async (c) => (await c.pw.w.h.db.select().from(leads).where(eq(leads.phone, c.extra.phone!.replace(/[\s]/g, '')))).length === 1,
  },
  {
    name: '/products',
    scope: 'role',
    needs: 'none',
    allow: OWNER,
    run: (c) => say(c.pw, '/products'),
    effect: async (_c, out) => out.texts.includes(t.products.title),
  },
  {
    name: 'product add',
    scope: 'role',
    needs: 'none',
    allow: OWNER,
    prepare: async () => ({ name: `Gadget ${++serial}` }),
    run: (c) => answer(c.pw, dcb.productNew(), `${c.extra.name}; 1000; piece`),
    effect: async (c) => (await c.pw.w.h.db.select().from(products).where(eq(products.name, c.extra.name!))).length === 1,
  },
  {
    name: 'product edit price',
    scope: 'role',
    needs: 'none',
    allow: OWNER,
    prepare: freshProduct,
    run: (c) => answer(c.pw, dcb.productPrice(c.extra.productId!), '777'),
    effect: async (c) => (await productOf(c)).price === 77_700,
  },
  {
    name: 'product archive',
    scope: 'role',
    needs: 'none',
    allow: OWNER,
    prepare: freshProduct,
    run: (c) => press(c.pw, dcb.productArchive(c.extra.productId!)),
    effect: async (c) => (await productOf(c)).archived,
  },
  inviteRow('manager', LEADERS),
  inviteRow('head', OWNER),
  inviteRow('owner', OWNER),
  // No keyboard offers it: a forged role must not become an invite for a role the CRM does not know.
  inviteRow('admin', []),
  {
    name: '/team',
    scope: 'role',
    needs: 'none',
    allow: LEADERS,
    run: (c) => say(c.pw, '/team'),
    effect: async (_c, out) => out.texts.some((x) => x.includes(`<b>${t.team.title}</b>`)),
  },
  {
    name: '/team change role',
    scope: 'role',
    needs: 'none',
    allow: OWNER,
    prepare: freshManager,
    run: (c) => press(c.pw, cb.memberRole(c.extra.memberId!, 'head')),
    effect: async (c) => (await memberOf(c)).role === 'head',
  },
  {
    name: '/team deactivate',
    scope: 'role',
    needs: 'none',
    allow: OWNER,
    prepare: freshManager,
    run: (c) => press(c.pw, cb.memberDeactivateYes(c.extra.memberId!)),
    effect: async (c) => !(await memberOf(c)).active,
  },
  {
    name: 'CSV import (file)',
    scope: 'role',
    needs: 'none',
    allow: LEADERS,
    prepare: async (pw) => {
      const phone = `7918${String(10_000_000 + ++serial).slice(1)}`;
      pw.w.files.set(`file-${serial}`, new TextEncoder().encode(`name,phone\nCold Caller,+${phone}\n`));
      return { phone: `+${phone}`, fileId: `file-${serial}` };
    },
    // The import is acknowledged at once and runs from the task queue: run it, as the runner would.
    run: async (c) => {
      await c.pw.w.sendDocument(c.pw.actor.user, c.extra.fileId!, 'base.csv');
      await c.pw.w.runTasks();
    },
    effect: async (c) => (await c.pw.w.h.db.select().from(leads).where(eq(leads.phone, c.extra.phone!))).length === 1,
  },
  {
    name: '/audit',
    scope: 'role',
    needs: 'none',
    allow: LEADERS,
    run: (c) => say(c.pw, '/audit'),
    effect: async (_c, out) => served(out),
  },
  {
    name: '/settings VAT mode',
    scope: 'role',
    needs: 'none',
    allow: OWNER,
    run: (c) => press(c.pw, scb.vat('on_top')),
    effect: async (c) => (await getVatSetting(c.pw.w.deps)).mode === 'on_top',
  },
  {
    name: '/report week',
    scope: 'role',
    needs: 'none',
    allow: LEADERS,
    run: (c) => say(c.pw, '/report week'),
    effect: async (_c, out) => out.methods.includes('sendPhoto'),
  },
];
