/** The shapes the API answers with (see miniapp/api.ts); kept by hand so the bundle imports no server code. */
export type Dict = Record<string, string>;
export interface Me {
  member: { id: string; name: string; role: 'owner' | 'head' | 'manager'; language: 'ru' | 'en'; timeZone: string };
  managers: { id: string; name: string }[];
  stages: string[];
  channels: string[];
  t: {
    locale: string;
    ui: Dict;
    dealStages: Dict;
    statuses: Dict;
    channels: Dict;
    lostReasons: Dict;
    junkReasons: Dict;
    outcomes: Dict;
    kinds: Dict;
    rules: Dict;
  };
}
export interface Next {
  kind: string;
  subject: string;
  dueAt: string;
}
export interface Card {
  id: string;
  number: number;
  title: string;
  amount: number;
  currency: string;
  assigneeName: string | null;
  client: string | null;
  company: string | null;
  next: Next | null;
  overdue: boolean;
}
export interface Board {
  columns: { stage: string; count: number; amount: number; cards: Card[] }[];
  managerId: string | null;
}
export interface AgendaItem {
  activityId: string;
  kind: string;
  subject: string;
  dueAt: string;
  lead: { id: string; number: number; name: string | null } | null;
  deal: { id: string; number: number; title: string } | null;
}
export interface Line {
  at: string;
  actor: string;
  text: string;
}
export interface Activity {
  id: string;
  kind: string;
  subject: string;
  dueAt: string;
  doneAt: string | null;
  result: string | null;
}
