import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

/**
 * Two projects, one `npm test`: the Node suite, and the Worker suite that runs
 * src/entry/worker.ts inside workerd with a D1 database migrated from db/migrations.
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/plain-summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**'],
          environment: 'node',
          setupFiles: ['./test/helpers/strict-telegram-setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations('./db/migrations'),
                FORM_TOKEN: 'worker-form-token',
                TELEGRAM_BOT_TOKEN: '123456:worker-test-token',
                TELEGRAM_WEBHOOK_SECRET: 'worker-webhook-secret',
                JOBS: 'true',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/worker/**/*.test.ts'],
          setupFiles: ['./test/worker/apply-migrations.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
