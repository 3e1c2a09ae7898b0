import { describe, expect, it } from 'vitest';
import { en } from '../../bot/locales/en.js';
import { ru } from '../../bot/locales/ru.js';
import { actorName } from '../../bot/render/actor-name.js';
import { createLeadFromIntake } from '../../src/core/intake/create-lead-from-intake.js';
import { webhookActor } from '../../webhooks/actors.js';
import { TEAM_CHAT, useBotWorld } from '../helpers/bot-world.js';
import { tgUser } from '../helpers/telegram.js';

const anna = tgUser(2, 'Анна', 'ru');
const mike = tgUser(3, 'Mike', 'en');

describe('history names who acted in the reader’s language', () => {
  const w = useBotWorld({ managers: [anna, mike] });

  async function takenBy(user: typeof anna, source: 'form' | 'tilda') {
    await createLeadFromIntake(w.deps.core(webhookActor(source)), {
      channel: 'site_form',
      intakeSource: source,
      name: 'Иван',
      phone: '+7 916 555-44-33',
    });
    await w.deliver();
    await w.tap(user, /^take:/, w.api.last(TEAM_CHAT));
    return w.api.last(user.id).text;
  }

  it('a Russian card says the site form created the lead, in Russian', async () => {
    const card = await takenBy(anna, 'form');
    expect(card).toContain(`${ru.actors.webhook.form}: ${ru.history.createdOf.lead}`);
    expect(card).not.toContain('site form');
    // The source names the channel once, not again in brackets.
    expect(card).not.toContain(`(${ru.channels.site_form})`);
  });

  it('an English card keeps the English name; a Tilda lead names Tilda in either language', async () => {
    const card = await takenBy(mike, 'tilda');
    expect(card).toContain(`Tilda webhook: ${en.history.createdOf.lead} (${en.channels.site_form})`);
    expect(actorName({ actorKind: 'webhook', actorId: 'tilda', actorLabel: 'Tilda webhook' }, ru)).toBe('Tilda');
  });

  it('the system and partners are named in Russian; people, clients and imports keep their own label', () => {
    expect(actorName({ actorKind: 'system', actorId: null, actorLabel: 'system' }, ru)).toBe('система');
    expect(actorName({ actorKind: 'partner', actorId: 'p1', actorLabel: 'partner Acme' }, ru)).toBe('партнёр Acme');
    expect(actorName({ actorKind: 'member', actorId: 'm1', actorLabel: 'Анна' }, ru)).toBe('Анна');
    expect(actorName({ actorKind: 'webhook', actorId: 'telegram', actorLabel: 'Иван (@ivan)' }, ru)).toBe('Иван (@ivan)');
    expect(actorName({ actorKind: 'import', actorId: 'm1', actorLabel: 'CSV import by Olga' }, ru)).toBe('CSV import by Olga');
  });
});
