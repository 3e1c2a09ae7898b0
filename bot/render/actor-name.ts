import type { HistoryRow } from '../../src/core/leads/lead-history.js';
import type { Messages } from '../i18n.js';

/** The prefix webhooks/partner-auth.ts gives a partner's label ("partner Acme"). */
const PARTNER_PREFIX = 'partner ';

/**
 * Who acted, as a history line names them in the reader's language. A person's name is shown as
 * stored; the system, an intake webhook and a partner are stored under English labels (history is
 * written once for every reader), so they are named here instead: a Russian card says "форма на
 * сайте: лид создан", not "site form". Other actors (a CSV import, a client in Telegram) keep their label.
 */
export function actorName(row: Pick<HistoryRow, 'actorKind' | 'actorId' | 'actorLabel'>, t: Messages): string {
  switch (row.actorKind) {
    case 'system':
      return t.actors.system;
    case 'webhook':
      return (row.actorId && t.actors.webhook[row.actorId]) || row.actorLabel;
    case 'partner':
      return row.actorLabel.startsWith(PARTNER_PREFIX)
        ? t.actors.partner({ name: row.actorLabel.slice(PARTNER_PREFIX.length) })
        : row.actorLabel;
    default:
      return row.actorLabel;
  }
}
