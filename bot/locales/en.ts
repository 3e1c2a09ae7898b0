import type { CallOutcome, Channel, EntityType, HistoryAction, JunkReason, LeadStatus, Role } from '../../db/enums.js';
import { clientsEn } from './clients-en.js';
import { dealsEn } from './deals-en.js';
import { jobsEn } from './jobs-en.js';
import { settingsEn } from './settings-en.js';
import { countOf, EN_UNITS } from '../plural.js';
import { teamChatEn } from './team-chat-en.js';

/**
 * English texts. The Russian dictionary is typed by this one, so a missing or misspelt key
 * fails the compiler, and no file is read at run time (Workers have no file system).
 */
export const en = {
  locale: 'en-GB',
  stranger: 'Hello! This is the private CRM bot of a sales team. If you are on the team, ask the owner for an invite link.',
  inactive: 'Your access to the team CRM is turned off. Ask the owner if this is a mistake.',
  strangerButton: 'This button is for team members only.',
  welcome: (p: { name: string; role: string }) => `Welcome to the team, ${p.name}! Your role: ${p.role}.`,
  /** /help: one line per command, shown to the roles that may use it (bot/commands.ts). */
  help: {
    title: 'What I can do:',
    lines: {
      pool: 'untaken leads, oldest first, with a Take button each',
      leads: 'your open leads, overdue first',
      new: 'add a lead by hand',
      find: 'search leads, contacts and companies by phone, name, company, email or number',
      deals: 'open deals by next step (heads and the owner: everyone’s, with totals)',
      contacts: 'find a contact or a company',
      export: 'leads or deals as a CSV file: /export leads, /export deals',
      tz: 'your time zone: /tz Asia/Vladivostok, /tz Novosibirsk, /tz +7',
      lang: 'language',
      team: 'the team, roles and deactivation',
      invite: 'invite a colleague',
      audit: 'forgotten leads and deals right now',
      report: 'conversion report: /report week or /report month',
      products: 'the product catalogue',
      settings: 'company details for proposals',
      help: 'this list',
    },
    csv: 'Send a .csv file (name, phone, company, comment) to import a cold-call base.',
    notes: 'Reply to a lead or deal card with text to add a note.',
  },
  unknownInput: 'Not sure what to do with that. Try /leads, /find or /new.',

  errorGeneric: 'Something went wrong. Please try again in a moment.',
  errorForbidden: 'This lead belongs to another manager.',
  errorForbiddenAny: 'You cannot see or change this.',
  errorNotFound: 'Not found.',
  errorChanged: 'The lead changed meanwhile. Here is how it looks now.',
  errorValidation: (p: { message: string }) => `Please check the input: ${p.message}`,
  rules: {
    next_activity_required: 'A lead is never left without a dated next step. Choose when to follow up:',
    next_activity_in_past: 'That time has already passed. Choose a later one.',
    lead_closed: 'This lead is closed.',
    take_first: 'Take the lead first.',
    already_member: 'You are already on the team.',
    invite_unknown: 'This invite code is not valid.',
    invite_used: 'This invite code has already been used. Ask for a new one.',
    invite_expired: 'This invite code has expired. Ask for a new one.',
    own_role: 'You cannot change your own role.',
    own_deactivation: 'You cannot deactivate yourself.',
    leadership_only: 'Only the owner and heads can do this.',
    deal_closed: 'This deal is already closed.',
    deal_not_lost: 'This deal is not lost.',
    lost_note_late: 'The deal was lost too long ago to add a note now.',
    product_archived: 'This product is archived.',
    proposal_needs_items: 'Add products to the deal first: the proposal lists them.',
  },

  roles: { owner: 'owner', head: 'head of sales', manager: 'manager' } satisfies Record<Role, string>,
  statuses: {
    new: 'New', assigned: 'Assigned', clarifying: 'Clarifying needs', unreachable: 'Unreachable',
    in_progress: 'In progress', call_back: 'Call back', converted: 'Converted', junk: 'Junk',
  } satisfies Record<LeadStatus, string>,
  channels: {
    site_form: 'Site form', call: 'Incoming call', missed_call: 'Missed call', partner: 'Partner',
    cold_call: 'Cold call', manual: 'Added by hand', telegram: 'Telegram', other: 'Other',
  } satisfies Record<Channel, string>,
  outcomes: { reached: 'Reached', no_answer: 'No answer', busy: 'Busy', wrong_number: 'Wrong number' } satisfies Record<CallOutcome, string>,
  junkReasons: {
    spam: 'Spam', duplicate: 'Duplicate', not_our_client: 'Not our client', no_budget: 'No budget', other: 'Other',
  } satisfies Record<JunkReason, string>,
  subjects: {
    first_contact: 'first contact', follow_up: 'follow-up', call: 'call', incoming_call: 'incoming call', client_message: 'answer the client',
    deal_next_step: 'next step on the deal', proposal_follow_up: 'call about the proposal',
  },
  kinds: { call: 'Call', meeting: 'Meeting', task: 'Task' },

  card: {
    title: (p: { number: number }) => `Lead #${p.number}`,
    noName: 'no name',
    pool: 'not taken yet',
    assignee: 'Manager',
    next: 'Next',
    noNext: 'no next step!',
    overdue: 'overdue',
    comment: 'Comment',
    ext: (p: { ext: string }) => `ext. ${p.ext}`,
    repeats: (p: { count: number }) => `Asked ${countOf('en-GB', p.count + 1, EN_UNITS.times)}`,
    takenBy: (p: { name: string }) => `✅ Taken by ${p.name}`,
  },
  history: {
    /** "created" reads by what was created; every other action has one label (see db/enums.ts HISTORY_ACTIONS). */
    createdOf: {
      lead: 'lead created', deal: 'deal created', contact: 'contact created', company: 'company created',
      member: 'member added', activity: 'step created', product: 'product created',
    } satisfies Record<EntityType, string>,
    actions: {
      created: 'created', updated: 'edited', note: 'note', taken: 'took the lead', assigned: 'assigned',
      call_logged: 'call logged', status_changed: 'status changed', junked: 'marked as junk', repeat_request: 'asked again',
      returned_to_pool: 'returned to the pool', converted: 'converted to a deal', stage_changed: 'stage changed',
      next_activity_planned: 'next step planned', won: 'won', lost: 'lost', lost_note: 'note on the loss',
      proposal_sent: 'proposal sent', item_added: 'product added', item_changed: 'product changed', item_removed: 'product removed',
      activity_done: 'step done', activity_rescheduled: 'step moved', activity_snoozed: 'step snoozed',
      joined: 'joined the team', rejoined: 'rejoined the team', role_changed: 'role changed', deactivated: 'access turned off',
      language_changed: 'language changed', time_zone_changed: 'time zone changed', seller_details_changed: 'seller details changed', team_chat_bound: 'team chat bound', team_chat_details_changed: 'team chat details changed',
      archived: 'archived', restored: 'restored from the archive',
      client_message: 'the client wrote', client_reply: 'answered the client', client_started: 'started the chat with the bot again',
      client_phone: 'shared the phone', client_linked: 'wrote in Telegram', client_blocked: 'the client blocked the bot',
      merged_into: 'merged into another lead', merged_from: 'a Telegram chat joined this lead',
      business_connected: 'Telegram Business connected', business_disconnected: 'Telegram Business disconnected',
    } satisfies Record<HistoryAction, string>,
    assigned: (p: { name: string }) => `assigned to ${p.name}`,
    call_logged: (p: { outcome: string }) => `call: ${p.outcome}`,
    status_changed: (p: { from: string; to: string }) => `status ${p.from} → ${p.to}`,
    junked: (p: { reason: string }) => `junk: ${p.reason}`,
    note: (p: { text: string }) => `note: ${p.text}`,
    /** An action with a detail: "stage changed: Proposal → Negotiation", "product added: Audit". */
    detail: (p: { label: string; detail: string }) => `${p.label}: ${p.detail}`,
    title: (p: { number: number; page: number; pages: number }) => `History of lead #${p.number} (${p.page}/${p.pages})`,
    empty: 'No history yet.',
  },
  buttons: {
    take: '✋ Take',
    call: '📞 Log call',
    status: '🔀 Status',
    junk: '🗑 Junk',
    note: '📝 Note',
    history: '📜 History',
    card: '↩️ Back to card',
    cancel: 'Cancel',
    prev: '◀️',
    next: '▶️',
    junkAs: (p: { reason: string }) => `🗑 Junk: ${p.reason}`,
    presets: { '2h': 'In 2 hours', tomorrow10: 'Tomorrow 10:00', '3d': 'In 3 days' },
  },
  take: {
    taken: (p: { number: number }) => `Lead #${p.number} is yours.`,
    alreadyYours: (p: { number: number }) => `Lead #${p.number} is already yours.`,
    takenByOther: (p: { name: string }) => `Already taken by ${p.name}.`,
  },
  call: {
    chooseOutcome: 'How did the call go?',
    chooseNext: 'Next step? Pick one or type a date, e.g. 28.11 15:00 or tomorrow 11:00.',
    wrongNumber: 'Wrong number. Mark the lead as junk, or plan another attempt:',
    logged: (p: { next: string }) => `✅ Call logged. Next step: ${p.next}. Send a note now if you like.`,
    loggedJunk: '✅ Call logged, lead marked as junk. Send a note now if you like.',
    badDate: 'I could not read that date. Examples: 28.11 15:00, tomorrow 11:00, завтра 11:00.',
  },
  status: {
    choose: 'New status:',
    changed: (p: { status: string }) => `✅ Status: ${p.status}.`,
    chooseNext: 'Type a date (28.11 15:00) or pick one:',
  },
  junk: {
    chooseReason: 'Why is it junk?',
    done: (p: { number: number }) => `🗑 Lead #${p.number} marked as junk. Send a note now if you like.`,
  },
  note: {
    ask: (p: { number: number }) => `Send the note for lead #${p.number}.`,
    saved: (p: { number: number }) => `📝 Note saved to lead #${p.number}.`,
  },
  leads: {
    title: (p: { total: number }) => `Your open leads: ${p.total}`,
    empty: 'You have no open leads. New ones come to the team chat.',
    overdue: '⚠️',
  },
  newLead: {
    askName: 'New lead. The client’s name?',
    askPhone: 'Phone number?',
    badPhone: 'That does not look like a phone number. Try again, e.g. +7 999 123-45-67.',
    askChannel: 'Where did the lead come from?',
    joined: (p: { number: number }) => `This person already has an open lead #${p.number}: the request was added to it.`,
  },
  find: {
    usage: 'Type what to look for: /find +7 999 123-45-67, /find Ivan, /find #12',
    none: 'Nothing found.',
    found: (p: { leads: number; contacts: number; companies: number }) => `Found leads: ${p.leads}, contacts: ${p.contacts}, companies: ${p.companies}`,
    alsoContacts: (p: { contacts: number; companies: number }) => `Also found contacts: ${p.contacts}, companies: ${p.companies}`,
  },
  lang: { choose: 'Choose the language:', changed: 'Language: English.' },
  team: {
    title: 'Team',
    line: (p: { name: string; role: string; open: number; overdue: number }) =>
      `${p.name} — ${p.role}: ${p.open} open leads, ${p.overdue} overdue`,
    inactive: 'inactive',
    chooseAction: (p: { name: string }) => `${p.name}: what to change?`,
    makeRole: (p: { role: string }) => `Make ${p.role}`,
    deactivate: 'Deactivate',
    confirmDeactivate: (p: { name: string }) => `Deactivate ${p.name}? Their open leads go back to the pool.`,
    yes: 'Yes, deactivate',
    roleChanged: (p: { name: string; role: string }) => `${p.name} is now ${p.role}.`,
    deactivated: (p: { name: string; count: number }) => `${p.name} is deactivated; ${p.count} open leads went back to the pool.`,
  },
  invite: {
    chooseRole: 'Invite as:',
    link: (p: { role: string; url: string; hours: number }) =>
      `Send this link to your colleague (joins as ${p.role}, works once, expires in ${p.hours} h):\n${p.url}`,
  },
  notify: {
    newLead: '🆕 New lead',
    repeat: '🔁 The client asked again',
  },
  commands: {
    start: 'Start: join the team with an invite code',
    pool: 'Untaken leads (the pool)',
    leads: 'My open leads',
    new: 'Add a lead',
    find: 'Find leads, contacts, companies',
    deals: 'Open deals',
    contacts: 'Find a contact or company',
    export: 'Export leads or deals (CSV)',
    tz: 'My time zone',
    lang: 'Language',
    team: 'The team (owner, heads)',
    invite: 'Invite a colleague (owner, heads)',
    audit: 'Forgotten leads (owner, heads)',
    report: 'Conversion report (owner, heads)',
    products: 'Product catalogue (owner)',
    settings: 'Company details (owner)',
    help: 'Help',
  },
  /** Who acted, in history lines, for actors that are not a person (stored labels are English). */
  actors: {
    system: 'system',
    /** By intake source (the webhook actor's id); an id not here shows its stored label. */
    webhook: { form: 'site form', tilda: 'Tilda webhook', zadarma: 'Zadarma webhook', mango: 'Mango Office webhook' } as Record<string, string>,
    partner: (p: { name: string }) => `partner ${p.name}`,
  },
  ...dealsEn,
  ...clientsEn,
  ...jobsEn,
  ...settingsEn,
  ...teamChatEn,
};

export type Messages = typeof en;
