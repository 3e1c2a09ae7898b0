import * as z from 'zod';
import { partners } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { CrmError } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';

const nameSchema = z.string().trim().min(1, 'a partner needs a name').max(100);

/** Makes a partner API key. The key itself is returned once and only its hash is kept. */
export async function createPartner(ctx: CoreContext, name: string): Promise<{ id: string; name: string; key: string }> {
  const parsed = nameSchema.safeParse(name);
  if (!parsed.success) throw new CrmError('VALIDATION', parsed.error.issues[0]?.message ?? 'invalid name');
  const key = randomToken('pk_');
  const id = newId();
  await ctx.db.insert(partners).values({
    id,
    name: parsed.data,
    keyHash: await sha256Hex(key),
    keyPrefix: key.slice(0, 8),
    createdAt: ctx.now(),
  });
  return { id, name: parsed.data, key };
}
