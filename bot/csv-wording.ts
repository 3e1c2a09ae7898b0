import type { RejectionWording } from '../src/core/csv/import-leads-csv.js';
import type { IntakeProblem } from '../src/core/intake/intake-lookup.js';
import type { Messages } from './i18n.js';

/** The rejected-rows file speaks the importer's language: its reason column and every reason. */
export function rejectionWording(t: Messages): RejectionWording {
  const r = t.csv.reasons;
  return {
    reasonHeader: t.csv.reasonHeader,
    reason: (problem: IntakeProblem) => {
      switch (problem.kind) {
        case 'no_contact':
          return r.noContact;
        case 'bad_contact':
          return [problem.phone && r.badPhone({ value: problem.phone }), problem.email && r.badEmail({ value: problem.email })].filter(Boolean).join('; ');
        case 'invalid':
          return r.invalid(problem);
      }
    },
  };
}
