import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/entry/load-env-file.js';

describe('loadEnvFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crm-env-'));
  afterEach(() => {
    delete process.env.CRM_TEST_FROM_FILE;
    delete process.env.CRM_TEST_ALREADY_SET;
  });

  it('reads .env values without overriding variables already set, and ignores a missing file', () => {
    const path = join(dir, '.env');
    writeFileSync(path, 'CRM_TEST_FROM_FILE=from-file\nCRM_TEST_ALREADY_SET=from-file\n');
    process.env.CRM_TEST_ALREADY_SET = 'from-shell';
    loadEnvFile(path);
    expect(process.env.CRM_TEST_FROM_FILE).toBe('from-file');
    expect(process.env.CRM_TEST_ALREADY_SET).toBe('from-shell');
    expect(() => loadEnvFile(join(dir, 'missing.env'))).not.toThrow();
    rmSync(dir, { recursive: true, force: true });
  });
});
