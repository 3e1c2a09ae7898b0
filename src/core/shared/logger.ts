/**
 * A small leveled logger (LOG_LEVEL). Lines are plain text, one per event, so `journalctl` and
 * `wrangler tail` read them as they are. Above `debug` nothing personal reaches the log: errors
 * lose the SQL parameters drizzle puts in their message (phones, emails) and callers never pass
 * bodies; at `debug` an error is printed whole, for the operator chasing a bug on their own box.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
type EventLevel = Exclude<LogLevel, 'silent'>;

export interface Logger {
  readonly level: LogLevel;
  debug(message: string, error?: unknown): void;
  info(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
  enabled(level: EventLevel): boolean;
}

export type LogSink = (level: EventLevel, line: string) => void;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

const consoleSink: LogSink = (level, line) => {
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
};

export function createLogger(level: LogLevel, sink: LogSink = consoleSink): Logger {
  const enabled = (at: EventLevel) => RANK[at] >= RANK[level];
  const emit = (at: EventLevel) => (message: string, error?: unknown) => {
    if (!enabled(at)) return;
    const tail = error === undefined ? '' : `: ${describeForLog(error, level === 'debug')}`;
    sink(at, `${at.toUpperCase().padEnd(5)} ${message}${tail}`);
  };
  return { level, enabled, debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = createLogger('silent');

/**
 * An error as one log entry. drizzle's DrizzleQueryError message is "Failed query: <sql>\nparams: <values>";
 * the driver's own message (its `cause`) says what went wrong without the values, so that is what is kept.
 */
export function describeForLog(error: unknown, full: boolean): string {
  if (!(error instanceof Error)) return full ? String(error) : typeof error;
  if (full) return error.stack ?? `${error.name}: ${error.message}`;
  const frames = (error.stack ?? '').split('\n').filter((l) => l.startsWith('    at ')).slice(0, 8);
  return [`${error.name}: ${safeMessage(error)}`, ...frames].join('\n');
}

function safeMessage(error: Error): string {
  if (error.message.startsWith('Failed query:')) {
    const cause = error.cause instanceof Error ? `${error.cause.name}: ${firstLine(error.cause.message)}` : 'no cause given';
    return `a database query failed (${cause}); LOG_LEVEL=debug shows the query`;
  }
  return firstLine(error.message).slice(0, 500);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
