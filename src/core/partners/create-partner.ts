import * as z from 'zod';
import { partners } from '../../../db/schema/index.js';
import type { CoreContext } from '../shared/context.js';
import { parseInput } from '../shared/validate.js';
import { newId } from '../shared/ids.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';

const nameSchema = z.string().trim().min(1, 'a partner needs a name').max(100);

/** Makes a partner API key. The key itself is returned once and only its hash is kept. */
export async function createPartner(ctx: CoreContext, name: string): Promise<{ id: string; name: string; key: string }> {
  const partnerName = parseInput(nameSchema, name, 'name', { label: 'none' });
  const key = randomToken('pk_');
  const id = newId();
  await ctx.db.insert(partners).values({
    id,
    name: partnerName,
    keyHash: await sha256Hex(key),
    keyPrefix: key.slice(0, 8),
    createdAt: ctx.now(),
  });
  return { id, name: partnerName, key };
}
