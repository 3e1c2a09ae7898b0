import {
  bitrixFormRequest,
  bitrixJsonRequest,
  formRequest,
  mangoRequest,
  mangoSummary,
  partnerRequest,
  tildaRequest,
  zadarmaEnd,
  zadarmaRequest,
  type IntakeRequest,
} from './intake-requests.js';

/** One answer as the sender sees it. */
export interface Reply {
  status: number;
  text: string;
  body: Record<string, unknown>;
  replayed: string | null;
}

/**
 * One real-format delivery and each endpoint's documented way of saying "this was a repeat".
 * `tag` keeps phones and ids apart between the concurrent and the sequential run.
 */
export interface ReplayCase {
  name: string;
  request(tag: number, partnerKey: string): IntakeRequest;
  /** Which lead a reply names: lead_id, id, or Bitrix's lead number (public forms: the same answer). */
  leadOf(reply: Reply): unknown;
  /** The reply to the first delivery. */
  isOriginal(reply: Reply): boolean;
  /** The reply to a repeat says so (Bitrix's shape cannot; public forms must not: same answer). */
  isRepeat(reply: Reply): boolean;
}

const phone = (tag: number, base: number) => `+7 916 ${base + tag}-44-33`;

/**
 * Public forms answer a repeat exactly as the original (`{"ok":true}`): their token is on every
 * page, and a different answer would tell a stranger that a phone already has an open lead.
 */
const publicAnswer = (status: number) => (r: Reply) => r.status === status && r.text === '{"ok":true}';
const formReply = (status: number) => {
  const same = publicAnswer(status);
  return { leadOf: (r: Reply) => r.text, isOriginal: same, isRepeat: same };
};

const callReply = {
  leadOf: (r: Reply) => r.body.lead_id,
  isOriginal: (r: Reply) => r.status === 200 && r.body.outcome === 'created',
  isRepeat: (r: Reply) => r.status === 200 && r.body.outcome === 'replayed',
};

/** Bitrix's `{result: <lead number>}` has no repeat flag: a repeat is told by the same number. */
const bitrixAnswer = (r: Reply) => r.status === 200 && typeof r.body.result === 'number';
const bitrixReply = { leadOf: (r: Reply) => r.body.result, isOriginal: bitrixAnswer, isRepeat: bitrixAnswer };

export const REPLAY_CASES: ReplayCase[] = [
  {
    name: 'tilda (tranid)',
    request: (tag) =>
      tildaRequest({ Name: 'Мария', Phone: phone(tag, 510), tranid: `5112421:435234${tag}`, formid: 'form512345678' }),
    ...formReply(200),
  },
  {
    name: 'zadarma missed (pbx_call_id)',
    request: (tag) => zadarmaRequest(zadarmaEnd({ pbx_call_id: `in_missed_${tag}`, caller_id: `7916${520 + tag}4433` })),
    ...callReply,
  },
  {
    name: 'zadarma answered (pbx_call_id)',
    request: (tag) => zadarmaRequest(zadarmaEnd({ pbx_call_id: `in_answered_${tag}`, caller_id: `7916${530 + tag}4433`, answered: true })),
    ...callReply,
  },
  {
    name: 'mango summary (entry_id)',
    request: (tag) => mangoRequest('summary', mangoSummary(`MjQ0NzE0MTQ1Mg${tag}==`, `7916${540 + tag}4433`)),
    ...callReply,
  },
  {
    name: 'partner (Idempotency-Key)',
    request: (tag, key) =>
      partnerRequest({ name: 'Сергей', phone: phone(tag, 550), company: 'Stroy' }, key, { 'idempotency-key': `order-${tag}` }),
    leadOf: (r) => r.body.id,
    isOriginal: (r) => r.status === 201 && r.replayed === null && r.body.duplicate === false,
    // Stripe's rule: the repeat gets the first answer verbatim, marked as replayed.
    isRepeat: (r) => r.status === 201 && r.replayed === 'true' && r.body.duplicate === false,
  },
  {
    name: 'bitrix crm.lead.add JSON',
    request: (tag, key) =>
      bitrixJsonRequest({ TITLE: 'Заявка с сайта', NAME: 'Глеб', PHONE: [{ VALUE: phone(tag, 560), VALUE_TYPE: 'WORK' }] }, key),
    ...bitrixReply,
  },
  {
    name: 'bitrix crm.lead.add fields[...]',
    request: (tag, key) =>
      bitrixFormRequest(
        [
          ['fields[TITLE]', 'Заявка с сайта'],
          ['fields[NAME]', 'Ира'],
          ['fields[PHONE][0][VALUE]', phone(tag, 570)],
          ['fields[PHONE][0][VALUE_TYPE]', 'WORK'],
        ],
        key,
      ),
    ...bitrixReply,
  },
  {
    name: 'form (Idempotency-Key)',
    request: (tag) => formRequest({ name: 'Анна', phone: phone(tag, 580) }, { 'idempotency-key': `submit-${tag}` }),
    ...formReply(201),
  },
  {
    name: 'form (no key: dedupe by phone/email)',
    request: (tag) => formRequest({ name: 'Пётр', phone: phone(tag, 590), email: `petr${tag}@example.ru` }),
    ...formReply(201),
  },
];
