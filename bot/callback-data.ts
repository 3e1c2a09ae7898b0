/**
 * Button payloads, at most 64 bytes each: a short verb and its arguments, joined by ":".
 * Lead ids are UUIDs (36 characters), so every payload fits with room to spare.
 * Each feature matches its own verbs with the patterns below.
 */
export const cb = {
  card: (leadId: string) => `card:${leadId}`,
  take: (leadId: string) => `take:${leadId}`,
  call: (leadId: string) => `call:${leadId}`,
  callOutcome: (leadId: string, outcome: string) => `co:${leadId}:${outcome}`,
  callNext: (leadId: string, outcome: string, preset: string) => `cn:${leadId}:${outcome}:${preset}`,
  callJunk: (leadId: string, reason: string) => `cj:${leadId}:${reason}`,
  status: (leadId: string) => `st:${leadId}`,
  setStatus: (leadId: string, status: string) => `ss:${leadId}:${status}`,
  statusNext: (leadId: string, status: string, preset: string) => `sn:${leadId}:${status}:${preset}`,
  junk: (leadId: string) => `junk:${leadId}`,
  junkReason: (leadId: string, reason: string) => `jr:${leadId}:${reason}`,
  note: (leadId: string) => `note:${leadId}`,
  history: (leadId: string, page: number) => `hist:${leadId}:${page}`,
  leadsPage: (offset: number) => `lp:${offset}`,
  poolPage: (offset: number) => `pool:${offset}`,
  poolOpen: () => 'pool',
  bindChat: () => 'bindchat',
  invite: (role: string) => `inv:${role}`,
  member: (memberId: string) => `tm:${memberId}`,
  memberRole: (memberId: string, role: string) => `tr:${memberId}:${role}`,
  memberDeactivate: (memberId: string) => `td:${memberId}`,
  memberDeactivateYes: (memberId: string) => `tdy:${memberId}`,
  lang: (lang: string) => `lang:${lang}`,
  newLeadChannel: (channel: string) => `nl:${channel}`,
  cancel: () => 'cancel',
  importAgain: (taskId: string) => `csvy:${taskId}`,
  importCancel: (taskId: string) => `csvn:${taskId}`,
};

const ID = '([0-9a-f-]{36})';
const WORD = '([a-z0-9_]+)';

export const pattern = {
  card: new RegExp(`^card:${ID}$`),
  take: new RegExp(`^take:${ID}$`),
  call: new RegExp(`^call:${ID}$`),
  callOutcome: new RegExp(`^co:${ID}:${WORD}$`),
  callNext: new RegExp(`^cn:${ID}:${WORD}:${WORD}$`),
  callJunk: new RegExp(`^cj:${ID}:${WORD}$`),
  status: new RegExp(`^st:${ID}$`),
  setStatus: new RegExp(`^ss:${ID}:${WORD}$`),
  statusNext: new RegExp(`^sn:${ID}:${WORD}:${WORD}$`),
  junk: new RegExp(`^junk:${ID}$`),
  junkReason: new RegExp(`^jr:${ID}:${WORD}$`),
  note: new RegExp(`^note:${ID}$`),
  history: new RegExp(`^hist:${ID}:(\\d+)$`),
  leadsPage: /^lp:(\d+)$/,
  poolPage: /^pool:(\d+)$/,
  poolOpen: /^pool$/,
  bindChat: /^bindchat$/,
  invite: /^inv:([a-z]+)$/,
  member: new RegExp(`^tm:${ID}$`),
  memberRole: new RegExp(`^tr:${ID}:${WORD}$`),
  memberDeactivate: new RegExp(`^td:${ID}$`),
  memberDeactivateYes: new RegExp(`^tdy:${ID}$`),
  lang: /^lang:([a-z]{2})$/,
  newLeadChannel: /^nl:([a-z_]+)$/,
  cancel: /^cancel$/,
  importAgain: new RegExp(`^csvy:${ID}$`),
  importCancel: new RegExp(`^csvn:${ID}$`),
};

/** The lead verbs whose first argument is a lead id (team, paging, language buttons carry none). */
const LEAD_ID_PATTERNS = [
  pattern.card, pattern.take, pattern.call, pattern.callOutcome, pattern.callNext, pattern.callJunk, pattern.status,
  pattern.setStatus, pattern.statusNext, pattern.junk, pattern.junkReason, pattern.note, pattern.history,
];

/**
 * The lead a lead-card button belongs to, or null for any other button (a deal's, an activity's,
 * a contact's ids are not lead ids): lets the error boundary show the current lead card.
 */
export function leadIdOfCallback(data: string | undefined): string | null {
  if (!data) return null;
  for (const p of LEAD_ID_PATTERNS) {
    const m = p.exec(data);
    if (m) return m[1]!;
  }
  return null;
}
