import type { IntakeSource } from '../db/enums.js';
import type { Actor } from '../src/core/shared/context.js';

const LABELS: Partial<Record<IntakeSource, string>> = {
  form: 'site form',
  tilda: 'Tilda webhook',
  zadarma: 'Zadarma webhook',
  mango: 'Mango Office webhook',
};

/** Who history says acted when a webhook wrote: "by Tilda webhook". */
export function webhookActor(source: IntakeSource): Actor {
  return { kind: 'webhook', id: source, label: LABELS[source] ?? `${source} webhook` };
}
