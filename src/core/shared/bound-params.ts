/**
 * D1 refuses a statement with more than 100 bound parameters ("too many SQL variables"); libSQL
 * allows 32,766, so the Node tests never see it. A query that binds a list of ids therefore binds
 * at most ID_CHUNK of them, leaving room for the statement's other parameters, and runs once per
 * chunk. Prefer a subquery where the ids come from the database anyway: it binds nothing.
 */
export const D1_MAX_BOUND_PARAMS = 100;
export const ID_CHUNK = 80;

/** Runs `query` over `ids` in chunks of ID_CHUNK, one after another, and joins the rows. */
export async function inChunks<T, R>(ids: readonly T[], query: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const rows: R[] = [];
  for (let i = 0; i < ids.length; i += ID_CHUNK) rows.push(...(await query(ids.slice(i, i + ID_CHUNK))));
  return rows;
}
