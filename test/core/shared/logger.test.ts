import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/core/shared/logger.js';
import { freshDb } from '../../helpers/db.js';

function recording(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = [];
  return { lines, log: createLogger(level, (at, line) => lines.push(line)) };
}

describe('logger', () => {
  it('honours LOG_LEVEL: lower levels are dropped, silent drops everything', () => {
    const warn = recording('warn');
    warn.log.debug('d');
    warn.log.info('i');
    warn.log.warn('w');
    warn.log.error('e');
    expect(warn.lines).toEqual(['WARN  w', 'ERROR e']);
    const silent = recording('silent');
    silent.log.error('e');
    expect(silent.lines).toEqual([]);
    const debug = recording('debug');
    debug.log.debug('d');
    expect(debug.lines).toEqual(['DEBUG d']);
  });

  it('at info, a failed query is logged without its SQL parameters (phones, emails); at debug in full', async () => {
    const h = await freshDb();
    let failure: unknown;
    try {
      await h.db.run(sql`insert into no_such_table (phone, email) values (${'+79161234567'}, ${'anna@example.ru'})`);
    } catch (e) {
      failure = e;
    }
    h.close();
    expect(String((failure as Error).message)).toContain('+79161234567');

    const info = recording('info');
    info.log.error('unhandled error on POST /hooks/form', failure);
    const text = info.lines.join('\n');
    expect(text).toContain('unhandled error on POST /hooks/form');
    expect(text).toContain('a database query failed');
    expect(text).toContain('no such table');
    expect(text).not.toContain('+79161234567');
    expect(text).not.toContain('anna@example.ru');
    expect(text).not.toContain('insert into');

    const debug = recording('debug');
    debug.log.error('unhandled error', failure);
    expect(debug.lines.join('\n')).toContain('+79161234567');
  });
});
