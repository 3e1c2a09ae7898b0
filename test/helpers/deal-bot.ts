import type { Update, User } from 'grammy/types';
import { botTaskHandlers } from '../../bot/tasks/index.js';
import type { TaskBudget } from '../../src/core/background/task-queue.js';
import { runDueTasks } from '../../src/jobs/task-runner.js';
import type { IntakeLeadInput } from '../../src/core/intake/intake-input.js';
import { botWorld, TEAM_CHAT, type BotWorld } from './bot-world.js';
import { textUpdate, type FakeMessage, type Upload } from './telegram.js';

export interface DealBotWorld extends BotWorld {
  /** Files the bot sent (sendDocument, sendPhoto), as the fake Bot API received them. */
  uploads: Upload[];
  /** Files "on Telegram's servers" for the bot to download, by file_id. */
  files: Map<string, Uint8Array>;
  sendDocument(user: User, fileId: string, fileName: string): Promise<void>;
  /** What the Node task runner does after a kick: runs the queued background work (CSV imports) now. */
  runTasks(budget?: TaskBudget): Promise<number>;
  /** A new lead reaches the team chat; `manager` takes it and converts it, leaving the deal card last in their chat. */
  convertNewLead(manager: User, input?: Partial<IntakeLeadInput>): Promise<void>;
}

/**
 * The bot world of bot-world.ts plus file transfers: the fake Bot API decodes uploads and serves
 * getFile (20 MB at most, as Telegram) and the file URL from `files`.
 */
export async function dealBotWorld(env: Record<string, string> = {}): Promise<DealBotWorld> {
  const world = await botWorld(env);
  const files = world.api.files;
  return {
    ...world,
    uploads: world.api.uploads,
    files,
    async convertNewLead(manager, input = {}) {
      await world.lead(input);
      await world.deliver();
      await world.tap(manager, /^take:/, world.api.last(TEAM_CHAT));
      await world.tap(manager, /^cv:/);
      await world.tap(manager, /^cvy:/);
    },
    runTasks: (budget) => runDueTasks(world.deps, botTaskHandlers(world.deps, world.bot.api), budget ? { budget } : {}),
    async sendDocument(user, fileId, fileName) {
      const update = textUpdate(user, '');
      const { text: _text, ...message } = update.message as NonNullable<Update['message']>;
      await world.bot.handleUpdate({
        ...update,
        message: {
          ...message,
          document: {
            file_id: fileId,
            file_unique_id: fileId,
            file_name: fileName,
            mime_type: 'text/csv',
            file_size: files.get(fileId)?.length ?? 0,
          },
        },
      } as Update);
    },
  };
}

export type { FakeMessage, Upload };
