/** English texts of /settings (the seller's details) and /tz; spread into `en`. */
export const settingsEn = {
  settings: {
    ownerOnly: 'Only the owner sets the company details.',
    title: 'Company details on commercial proposals. Tap a field to change it.',
    fields: {
      name: 'Company name',
      legalName: 'Legal name',
      taxId: 'Tax ID (INN)',
      address: 'Address',
      phone: 'Phone',
      email: 'Email',
      website: 'Website',
      proposalValidDays: 'Proposal valid, days',
      proposalNote: 'Note under the totals',
    },
    empty: '—',
    ask: (p: { field: string }) => `Send the new value: ${p.field}. Send "-" to clear it.`,
    askName: 'Send the company name as clients should see it on a proposal.',
    askDays: 'How many days do a proposal’s prices hold? A number from 1 to 365.',
    badDays: 'Send a number of days from 1 to 365, e.g. 14.',
    current: (p: { value: string }) => `Now: ${p.value}`,
    saved: (p: { field: string }) => `✅ ${p.field} saved.`,
  },
  tz: {
    current: (p: { zone: string; time: string }) => `Your time zone: ${p.zone} (now ${p.time}).`,
    usage: 'To change it: /tz Asia/Vladivostok, /tz Novosibirsk or /tz +7 (hours from UTC).',
    changed: (p: { zone: string; time: string }) => `✅ Time zone: ${p.zone}. Your time now: ${p.time}. The morning list comes at the start of your day there.`,
    unknown: 'I do not know that time zone. Examples: /tz Asia/Vladivostok, /tz Novosibirsk, /tz +7, /tz UTC.',
  },
};
