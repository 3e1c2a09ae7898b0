import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { createAppDeps } from '../../src/app-deps.js';
import { parseEnv } from '../../src/config.js';
import { createLogger } from '../../src/core/shared/logger.js';
import { nodeFonts } from '../../src/entry/node-fonts.js';
import { nodeResvgWasm } from '../../src/entry/node-resvg.js';
import { freshDb } from '../helpers/db.js';

describe('a client that disconnects mid-body', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('is a debug line, not an error with a stack, and stores nothing', async () => {
    const h = await freshDb();
    const lines: { at: string; line: string }[] = [];
    const config = parseEnv({ DATABASE_URL: ':memory:', FORM_TOKEN: 'tok', LOG_LEVEL: 'debug' });
    const log = createLogger('debug', (at, line) => lines.push({ at, line }));
    const deps = createAppDeps({ db: h.db, config, fonts: nodeFonts, resvgWasm: nodeResvgWasm, log });
    server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: '127.0.0.1' }) as Server;
    await new Promise((r) => server!.once('listening', r));
    const { port } = server.address() as AddressInfo;

    const socket = connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write('POST /hooks/form?token=tok HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"phone":"+7916');
    await new Promise((r) => setTimeout(r, 200));
    socket.destroy();

    const deadline = Date.now() + 5_000;
    while (!lines.some((l) => l.line.includes('disconnected mid-body')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(lines.filter((l) => l.at === 'error' || l.at === 'warn')).toEqual([]);
    expect(lines).toContainEqual({ at: 'debug', line: 'DEBUG POST /hooks/form: the client disconnected mid-body' });
    const stored = await h.client.execute('select count(*) as n from leads');
    expect(Number(stored.rows[0]!.n)).toBe(0);
    h.close();
  });
});
