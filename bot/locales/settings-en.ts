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
};
