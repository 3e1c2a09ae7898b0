import { COMPACT_ID, compactId, uuidOfCompact } from './compact-id.js';

/**
 * Button payloads of the deal side (convert, deals, products, proposals, contacts), at most 64 bytes:
 * a short verb, a UUID and at most two words. Kept apart from the lead verbs so the two sides grow separately.
 */
export const dcb = {
  convert: (leadId: string) => `cv:${leadId}`,
  convertYes: (leadId: string) => `cvy:${leadId}`,
  deal: (dealId: string) => `dc:${dealId}`,
  stage: (dealId: string) => `ds:${dealId}`,
  setStage: (dealId: string, stage: string) => `dss:${dealId}:${stage}`,
  stageNext: (dealId: string, stage: string, preset: string) => `dsn:${dealId}:${stage}:${preset}`,
  won: (dealId: string) => `dw:${dealId}`,
  wonYes: (dealId: string) => `dwy:${dealId}`,
  lost: (dealId: string) => `dl:${dealId}`,
  lostReason: (dealId: string, reason: string) => `dlr:${dealId}:${reason}`,
  edit: (dealId: string) => `de:${dealId}`,
  editField: (dealId: string, field: string) => `def:${dealId}:${field}`,
  items: (dealId: string) => `di:${dealId}`,
  /** Another page of the line items and catalogue (page 0 is `items`). */
  itemsPage: (dealId: string, page: number) => `dip:${dealId}:${page}`,
  /** Two ids: compact ones, or the payload would pass Telegram's 64 bytes; the page to come back to after adding. */
  addItem: (dealId: string, productId: string, page = 0) => `dia:${compactId(dealId)}:${compactId(productId)}${page > 0 ? `:${page}` : ''}`,
  item: (itemId: string) => `dit:${itemId}`,
  removeItem: (itemId: string) => `dir:${itemId}`,
  proposal: (dealId: string) => `dp:${dealId}`,
  /** Carries the language to set, not "toggle": a second press of the same old card changes nothing. */
  language: (dealId: string, language: string) => `dlg:${dealId}:${language}`,
  note: (dealId: string) => `dn:${dealId}`,
  history: (dealId: string, page: number) => `dh:${dealId}:${page}`,
  contact: (contactId: string) => `ct:${contactId}`,
  company: (companyId: string) => `co2:${companyId}`,
  product: (productId: string) => `pr:${productId}`,
  productPrice: (productId: string) => `prp:${productId}`,
  productArchive: (productId: string) => `pra:${productId}`,
  productNew: () => 'prn',
  productSeed: () => 'prs',
  products: (page = 0) => (page > 0 ? `prl:${page}` : 'prl'),
  dealsList: () => 'dlist',
};

const ID = '([0-9a-f-]{36})';
const WORD = '([a-z0-9_]+)';

export const dpattern = {
  convert: new RegExp(`^cv:${ID}$`),
  convertYes: new RegExp(`^cvy:${ID}$`),
  deal: new RegExp(`^dc:${ID}$`),
  stage: new RegExp(`^ds:${ID}$`),
  setStage: new RegExp(`^dss:${ID}:${WORD}$`),
  stageNext: new RegExp(`^dsn:${ID}:${WORD}:${WORD}$`),
  won: new RegExp(`^dw:${ID}$`),
  wonYes: new RegExp(`^dwy:${ID}$`),
  lost: new RegExp(`^dl:${ID}$`),
  lostReason: new RegExp(`^dlr:${ID}:${WORD}$`),
  edit: new RegExp(`^de:${ID}$`),
  editField: new RegExp(`^def:${ID}:${WORD}$`),
  items: new RegExp(`^di:${ID}$`),
  itemsPage: new RegExp(`^dip:${ID}:(\\d{1,4})$`),
  addItem: new RegExp(`^dia:${COMPACT_ID}:${COMPACT_ID}(?::(\\d{1,4}))?$`),
  item: new RegExp(`^dit:${ID}$`),
  removeItem: new RegExp(`^dir:${ID}$`),
  proposal: new RegExp(`^dp:${ID}$`),
  language: new RegExp(`^dlg:${ID}:(ru|en)$`),
  note: new RegExp(`^dn:${ID}$`),
  history: new RegExp(`^dh:${ID}:(\\d+)$`),
  contact: new RegExp(`^ct:${ID}$`),
  company: new RegExp(`^co2:${ID}$`),
  product: new RegExp(`^pr:${ID}$`),
  productPrice: new RegExp(`^prp:${ID}$`),
  productArchive: new RegExp(`^pra:${ID}$`),
  productNew: /^prn$/,
  productSeed: /^prs$/,
  products: /^prl(?::(\d{1,4}))?$/,
  dealsList: /^dlist$/,
};

/** Deal-card verbs whose first argument is a deal id (line items, contacts and products carry other ids). */
const DEAL_ID_PATTERNS = [
  dpattern.deal, dpattern.stage, dpattern.setStage, dpattern.stageNext, dpattern.won, dpattern.wonYes, dpattern.lost,
  dpattern.lostReason, dpattern.edit, dpattern.editField, dpattern.items, dpattern.itemsPage, dpattern.proposal, dpattern.language,
  dpattern.note, dpattern.history,
];

/** The deal a deal-card button belongs to, or null: lets the error boundary show the current deal card. */
export function dealIdOfCallback(data: string | undefined): string | null {
  if (!data) return null;
  for (const p of DEAL_ID_PATTERNS) {
    const m = p.exec(data);
    if (m) return m[1]!;
  }
  const add = dpattern.addItem.exec(data);
  return add ? uuidOfCompact(add[1]!) : null;
}

/** Convert and its confirmation sit on the lead card and carry the lead's id. */
export function leadIdOfConvertCallback(data: string | undefined): string | null {
  if (!data) return null;
  return (dpattern.convert.exec(data) ?? dpattern.convertYes.exec(data))?.[1] ?? null;
}
