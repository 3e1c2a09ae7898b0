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
    /** VAT as printed under a proposal's total. */
    vat: {
      line: (p: { mode: string }) => `VAT: ${p.mode}`,
      modes: { none: 'not applicable', included: 'included in prices', on_top: 'added on top of prices' },
      withRate: (p: { mode: string; rate: string }) => `${p.mode}, ${p.rate}`,
      buttons: { none: 'No VAT', included: 'VAT included', on_top: 'VAT on top' },
      rateButton: (p: { rate: string }) => `VAT rate: ${p.rate}`,
      askRate: 'Send the VAT rate in percent, e.g. 22 or 7.5.',
      badRate: 'Send a rate above 0 and below 100 percent, with at most two decimals: 22, 10, 7.5.',
      saved: '✅ VAT saved: the next proposal prints it under the total.',
    },
  },
  tz: {
    current: (p: { zone: string; time: string }) => `Your time zone: ${p.zone} (now ${p.time}).`,
    usage: 'To change it: /tz Asia/Vladivostok, /tz Novosibirsk or /tz +7 (hours from UTC).',
    changed: (p: { zone: string; time: string }) => `✅ Time zone: ${p.zone}. Your time now: ${p.time}. The morning list comes at the start of your day there.`,
    unknown: 'I do not know that time zone. Examples: /tz Asia/Vladivostok, /tz Novosibirsk, /tz +7, /tz UTC.',
  },
};
