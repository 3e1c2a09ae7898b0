import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { B24Hook } from '@bitrix24/b24jssdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leads } from '../../db/schema/index.js';
import { systemActor } from '../../src/core/shared/context.js';
import { createPartner } from '../../src/core/partners/create-partner.js';
import { webhookApp, type WebhookApp } from '../helpers/webhook-app.js';

/**
 * Bitrix24's own SDK, pointed at this server with only the host changed, the way a site's backend
 * would use it. The SDK speaks only https, so the app sits behind a local TLS listener with a
 * certificate made for this test; Node trusts it for this file only.
 */
describe('@bitrix24/b24jssdk against /rest/<user>/<key>/', () => {
  let t: WebhookApp;
  let server: Server;
  let dir: string;
  let origin: string;
  const previousTls = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'b24-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-days', '1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    t = await webhookApp();
    server = await new Promise<Server>((resolve) => {
      const s = serve(
        {
          fetch: t.app.fetch,
          port: 0,
          hostname: '127.0.0.1',
          createServer,
          serverOptions: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
        },
        () => resolve(s as Server),
      ) as Server;
    });
    origin = `https://localhost:${(server.address() as AddressInfo).port}`;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  });

  afterAll(async () => {
    if (previousTls === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTls;
    await new Promise((r) => server.close(r));
    t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('crm.lead.add through the SDK creates the lead with the fields sent', async () => {
    const { key } = await createPartner(t.deps.core(systemActor), 'Site backend');
    const b24 = B24Hook.fromWebhookUrl(`${origin}/rest/1/${key}/`);
    b24.offClientSideWarning();
    const response = await b24.actions.v2.call.make<number>({
      method: 'crm.lead.add',
      params: {
        fields: {
          TITLE: 'Заявка с сайта',
          NAME: 'Ирина',
          LAST_NAME: 'Соколова',
          PHONE: [{ VALUE: '+7 926 111-22-33', VALUE_TYPE: 'WORK' }],
          EMAIL: [{ VALUE: 'Irina@Example.ru', VALUE_TYPE: 'WORK' }],
          COMMENTS: 'Нужен счёт',
        },
      },
    });
    expect(response.getErrorMessages()).toEqual([]);
    expect(response.isSuccess).toBe(true);
    const rows = await t.db.select().from(leads);
    expect(rows).toHaveLength(1);
    expect(response.getData()?.result).toBe(rows[0]!.number);
    expect(rows[0]).toMatchObject({ phone: '+79261112233', email: 'irina@example.ru', channel: 'partner' });
    expect(rows[0]!.name).toMatch(/Ирина/);
    expect(rows[0]!.comment).toMatch(/Нужен счёт/);
  });
});
