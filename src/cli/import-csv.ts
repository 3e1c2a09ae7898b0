import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { CoreContext } from '../core/shared/context.js';
import { continueCsvImport } from '../core/csv/continue-csv-import.js';
import type { ImportProgress } from '../core/csv/import-leads-csv.js';
import { CLI_CSV_IMPORT_TASK, queueCsvImport } from '../core/csv/queue-csv-import.js';
import { claimTask, finishTask, latestTaskAbout, releaseHeldTask, releaseTask, type TaskRow } from '../core/background/task-queue.js';

/** What the CLI writes to: a terminal gets a redrawn bar, a pipe or log file plain lines. */
export interface ImportOutput {
  isTTY: boolean;
  write(text: string): void;
}

const stdout: ImportOutput = { isTTY: process.stdout.isTTY === true, write: (t) => void process.stdout.write(t) };

/**
 * `crm import <file.csv> [--again]`: a large cold-call base from the server, through the same core
 * rules as a file sent to the bot (normalised phones, dedupe against open leads, rejected rows with
 * a reason). It runs as a task of its own kind, so the progress is saved with every chunk: after
 * Ctrl-C, a crash or a closed terminal, the same command resumes where it stopped. The same file
 * again (same content) asks for --again first. Returns the exit code.
 */
export async function importCsvCommand(ctx: CoreContext, args: string[], out: ImportOutput = stdout): Promise<number> {
  const path = args.find((a) => !a.startsWith('--'));
  if (!path) throw new Error('Give the CSV file: npm run crm -- import <file.csv>');
  const file = resolve(path);
  const content = readFileSync(file);
  const subject = `csv:sha256:${createHash('sha256').update(content).digest('hex')}`;

  const earlier = await latestTaskAbout(ctx, subject);
  let task: TaskRow | null;
  if (earlier && earlier.kind === CLI_CSV_IMPORT_TASK && (earlier.state === 'queued' || earlier.state === 'running')) {
    task = await claimTask(ctx, { id: earlier.id, kinds: [CLI_CSV_IMPORT_TASK] });
    if (!task) throw new Error(`This file is being imported by another process right now (until ${earlier.leaseUntil?.toISOString()}); try again later`);
    const done = (task.progress as ImportProgress | null)?.next ?? 0;
    out.write(`Resuming the import of ${basename(file)} at row ${fmt(done + 1)}.\n`);
  } else {
    const queued = await queueCsvImport(ctx, { content, fileName: basename(file), subject: subject.slice('csv:'.length), kind: CLI_CSV_IMPORT_TASK });
    if (queued.earlier) {
      const before = queued.earlier.progress as ImportProgress | null;
      if (!args.includes('--again')) {
        await releaseHeldTask(ctx, queued.task.id, 'cancelled');
        out.write(
          `${basename(file)} was already imported on ${queued.earlier.createdAt.toISOString().slice(0, 10)} (${fmt(before?.created ?? 0)} new leads then).\n` +
            `Run with --again to import it again: leads still open only get a repeat request.\n`,
        );
        return 3;
      }
      await releaseHeldTask(ctx, queued.task.id, 'queued');
    }
    task = await claimTask(ctx, { id: queued.task.id, kinds: [CLI_CSV_IMPORT_TASK] });
    if (!task) throw new Error('The import task could not be started');
  }

  // Ctrl-C stops after the chunk being written and gives the task back, so running the command again resumes at once.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const bar = progressBar(out);
  try {
    const step = await continueCsvImport(ctx, task, undefined, { onChunk: bar.update, signal: stop.signal });
    bar.end(step.progress);
    if (!step.result) {
      await releaseTask(ctx, task, { resetAttempts: true });
      out.write(`Interrupted after ${fmt(step.progress.next)} of ${fmt(step.progress.total)} rows: run the same command again to import the rest.\n`);
      return 130;
    }
    await finishTask(ctx, task, { state: 'done' });
    const { created, joined, rejected, rejectedCsv } = step.result;
    out.write(`Import done: ${fmt(created)} new leads, ${fmt(joined)} joined existing open leads, ${fmt(rejected)} rejected.\n`);
    if (rejectedCsv) {
      const target = rejectedPath(file);
      writeFileSync(target, rejectedCsv, { mode: 0o600 });
      out.write(`Rejected rows, with the reason in the last column: ${target}\n`);
    }
    return 0;
  } catch (e) {
    // Given back for a later run; the same command resumes after the failed chunk's last commit.
    await releaseTask(ctx, task, { error: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** `base.csv` → `base.rejected.csv`, beside it. */
export function rejectedPath(file: string): string {
  const ext = extname(file) || '.csv';
  return join(dirname(file), `${basename(file, extname(file))}.rejected${ext}`);
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A bar redrawn in place on a terminal; elsewhere one line per 10% (a log stays readable). */
function progressBar(out: ImportOutput) {
  const WIDTH = 30;
  let lastTenth = -1;
  const share = (p: ImportProgress) => (p.total ? p.next / p.total : 1);
  const line = (p: ImportProgress) => `${fmt(p.next)} of ${fmt(p.total)} rows (${Math.floor(share(p) * 100)}%)`;
  const bar = (p: ImportProgress) => {
    const filled = Math.round(share(p) * WIDTH);
    return `\r[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${line(p)}`;
  };
  return {
    update(p: ImportProgress) {
      if (out.isTTY) return out.write(bar(p));
      const tenth = Math.floor(share(p) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      out.write(`Imported ${line(p)}\n`);
    },
    end(p: ImportProgress) {
      if (out.isTTY) out.write(`${bar(p)}\n`);
    },
  };
}
