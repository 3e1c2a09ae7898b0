-- The dashboard's per-day counts (db/schema/dashboard.ts) kept exact by triggers, so every writer (bot, intake,
-- CSV import, Mini App, a hand-run DELETE) keeps them in step. Each fact goes to four scopes:
-- (assignee, channel), (assignee, '*'), ('*', channel), ('*', '*'); a missing assignee or channel is ''.
-- A change moves a row's contribution: minus under its old key, plus under its new one, in one upsert.
-- Delay buckets for the first-touch median: [0, 1 s), then 8 per doubling, the bounds (8 + k) * 2^e * 125 ms
-- for e = 0..24, k = 0..7 (up to about 388 days). src/core/reports/touch-buckets.ts makes the same list.
WITH RECURSIVE e(e) AS (SELECT 0 UNION ALL SELECT e + 1 FROM e WHERE e < 24),
  k(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM k WHERE k < 7)
INSERT INTO dashboard_touch_buckets (lo) SELECT 0 UNION ALL SELECT (8 + k) * (1 << e) * 125 FROM e, k;
--> statement-breakpoint
INSERT INTO dashboard_lead_days (assignee_id, channel, day, leads, deals, won, touched)
SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE g.a END, CASE WHEN s.column1 & 2 THEN '*' ELSE g.c END, g.day,
  sum(g.leads), sum(g.deals), sum(g.won), sum(g.touched)
FROM (SELECT coalesce(l.assignee_id, '') AS a, coalesce(l.channel, '') AS c, l.created_at / 86400000 AS day, count(*) AS leads,
    count(d.id) AS deals, coalesce(sum(d.stage = 'won'), 0) AS won, count(l.first_touched_at) AS touched
  FROM leads l LEFT JOIN deals d ON d.lead_id = l.id GROUP BY 1, 2, 3) g, (VALUES (0), (1), (2), (3)) s
GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO dashboard_touch_days (assignee_id, channel, day, bucket, count)
SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE g.a END, CASE WHEN s.column1 & 2 THEN '*' ELSE g.c END, g.day, g.bucket, sum(g.n)
FROM (SELECT coalesce(l.assignee_id, '') AS a, coalesce(l.channel, '') AS c, l.created_at / 86400000 AS day,
    coalesce((SELECT max(b.lo) FROM dashboard_touch_buckets b WHERE b.lo <= l.first_touched_at - l.created_at), 0) AS bucket, count(*) AS n
  FROM leads l WHERE l.first_touched_at IS NOT NULL GROUP BY 1, 2, 3, 4) g, (VALUES (0), (1), (2), (3)) s
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO dashboard_closed_days (assignee_id, channel, kind, day, reason, count)
SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE g.a END, CASE WHEN s.column1 & 2 THEN '*' ELSE g.c END, g.kind, g.day, g.reason, sum(g.n)
FROM (SELECT coalesce(l.assignee_id, '') AS a, coalesce(l.channel, '') AS c, 'junk' AS kind, l.closed_at / 86400000 AS day,
    coalesce(l.junk_reason, '') AS reason, count(*) AS n
  FROM leads l WHERE l.status = 'junk' AND l.closed_at IS NOT NULL GROUP BY 1, 2, 4, 5
  UNION ALL
  SELECT coalesce(d.assignee_id, ''), coalesce(d.channel, ''), 'lost', d.closed_at / 86400000, coalesce(d.lost_reason, ''), count(*)
  FROM deals d WHERE d.stage = 'lost' AND d.closed_at IS NOT NULL GROUP BY 1, 2, 4, 5) g, (VALUES (0), (1), (2), (3)) s
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE TRIGGER `dashboard_leads_insert` AFTER INSERT ON `leads` BEGIN
  INSERT INTO dashboard_lead_days (assignee_id, channel, day, leads, deals, won, touched)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(new.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(new.channel, '') END,
    new.created_at / 86400000, 1, d.n, d.w, new.first_touched_at IS NOT NULL
  FROM (VALUES (0), (1), (2), (3)) s, (SELECT count(*) AS n, coalesce(sum(stage = 'won'), 0) AS w FROM deals WHERE lead_id = new.id) d
  WHERE true
  ON CONFLICT (assignee_id, channel, day) DO UPDATE SET leads = leads + excluded.leads, deals = deals + excluded.deals,
    won = won + excluded.won, touched = touched + excluded.touched;
  INSERT INTO dashboard_touch_days (assignee_id, channel, day, bucket, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(new.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(new.channel, '') END,
    new.created_at / 86400000, coalesce((SELECT max(b.lo) FROM dashboard_touch_buckets b WHERE b.lo <= new.first_touched_at - new.created_at), 0), 1
  FROM (VALUES (0), (1), (2), (3)) s
  WHERE new.first_touched_at IS NOT NULL
  ON CONFLICT (assignee_id, channel, day, bucket) DO UPDATE SET count = count + excluded.count;
  INSERT INTO dashboard_closed_days (assignee_id, channel, kind, day, reason, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(new.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(new.channel, '') END,
    'junk', new.closed_at / 86400000, coalesce(new.junk_reason, ''), 1
  FROM (VALUES (0), (1), (2), (3)) s
  WHERE new.status = 'junk' AND new.closed_at IS NOT NULL
  ON CONFLICT (assignee_id, channel, kind, day, reason) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_leads_cohort_update` AFTER UPDATE OF assignee_id, channel, created_at, first_touched_at ON `leads`
WHEN old.assignee_id IS NOT new.assignee_id OR old.channel IS NOT new.channel OR old.created_at IS NOT new.created_at
  OR old.first_touched_at IS NOT new.first_touched_at
BEGIN
  INSERT INTO dashboard_lead_days (assignee_id, channel, day, leads, deals, won, touched)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(v.a, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(v.c, '') END,
    v.day, v.sign, v.sign * d.n, v.sign * d.w, v.sign * v.touched
  FROM (VALUES (0), (1), (2), (3)) s,
    (SELECT old.assignee_id AS a, old.channel AS c, old.created_at / 86400000 AS day, -1 AS sign, old.first_touched_at IS NOT NULL AS touched
      UNION ALL SELECT new.assignee_id, new.channel, new.created_at / 86400000, 1, new.first_touched_at IS NOT NULL) v,
    (SELECT count(*) AS n, coalesce(sum(stage = 'won'), 0) AS w FROM deals WHERE lead_id = new.id) d
  WHERE true
  ON CONFLICT (assignee_id, channel, day) DO UPDATE SET leads = leads + excluded.leads, deals = deals + excluded.deals,
    won = won + excluded.won, touched = touched + excluded.touched;
  INSERT INTO dashboard_touch_days (assignee_id, channel, day, bucket, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(v.a, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(v.c, '') END,
    v.day, coalesce((SELECT max(b.lo) FROM dashboard_touch_buckets b WHERE b.lo <= v.delay), 0), v.sign
  FROM (VALUES (0), (1), (2), (3)) s,
    (SELECT old.assignee_id AS a, old.channel AS c, old.created_at / 86400000 AS day, -1 AS sign, old.first_touched_at - old.created_at AS delay
      WHERE old.first_touched_at IS NOT NULL
      UNION ALL SELECT new.assignee_id, new.channel, new.created_at / 86400000, 1, new.first_touched_at - new.created_at
      WHERE new.first_touched_at IS NOT NULL) v
  WHERE true
  ON CONFLICT (assignee_id, channel, day, bucket) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_leads_junk_update` AFTER UPDATE OF status, closed_at, junk_reason, assignee_id, channel ON `leads`
WHEN (old.status = 'junk' OR new.status = 'junk') AND (old.status IS NOT new.status OR old.closed_at IS NOT new.closed_at
  OR old.junk_reason IS NOT new.junk_reason OR old.assignee_id IS NOT new.assignee_id OR old.channel IS NOT new.channel)
BEGIN
  INSERT INTO dashboard_closed_days (assignee_id, channel, kind, day, reason, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(v.a, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(v.c, '') END,
    'junk', v.day, v.reason, v.sign
  FROM (VALUES (0), (1), (2), (3)) s,
    (SELECT old.assignee_id AS a, old.channel AS c, old.closed_at / 86400000 AS day, coalesce(old.junk_reason, '') AS reason, -1 AS sign
      WHERE old.status = 'junk' AND old.closed_at IS NOT NULL
      UNION ALL SELECT new.assignee_id, new.channel, new.closed_at / 86400000, coalesce(new.junk_reason, ''), 1
      WHERE new.status = 'junk' AND new.closed_at IS NOT NULL) v
  WHERE true
  ON CONFLICT (assignee_id, channel, kind, day, reason) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_leads_delete` AFTER DELETE ON `leads` BEGIN
  INSERT INTO dashboard_lead_days (assignee_id, channel, day, leads, deals, won, touched)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(old.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(old.channel, '') END,
    old.created_at / 86400000, -1, -d.n, -d.w, -(old.first_touched_at IS NOT NULL)
  FROM (VALUES (0), (1), (2), (3)) s, (SELECT count(*) AS n, coalesce(sum(stage = 'won'), 0) AS w FROM deals WHERE lead_id = old.id) d
  WHERE true
  ON CONFLICT (assignee_id, channel, day) DO UPDATE SET leads = leads + excluded.leads, deals = deals + excluded.deals,
    won = won + excluded.won, touched = touched + excluded.touched;
  INSERT INTO dashboard_touch_days (assignee_id, channel, day, bucket, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(old.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(old.channel, '') END,
    old.created_at / 86400000, coalesce((SELECT max(b.lo) FROM dashboard_touch_buckets b WHERE b.lo <= old.first_touched_at - old.created_at), 0), -1
  FROM (VALUES (0), (1), (2), (3)) s
  WHERE old.first_touched_at IS NOT NULL
  ON CONFLICT (assignee_id, channel, day, bucket) DO UPDATE SET count = count + excluded.count;
  INSERT INTO dashboard_closed_days (assignee_id, channel, kind, day, reason, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(old.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(old.channel, '') END,
    'junk', old.closed_at / 86400000, coalesce(old.junk_reason, ''), -1
  FROM (VALUES (0), (1), (2), (3)) s
  WHERE old.status = 'junk' AND old.closed_at IS NOT NULL
  ON CONFLICT (assignee_id, channel, kind, day, reason) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_deals_insert` AFTER INSERT ON `deals` BEGIN
  INSERT INTO dashboard_lead_days (assignee_id, channel, day, leads, deals, won, touched)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(l.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(l.channel, '') END,
    l.created_at / 86400000, 0, 1, new.stage = 'won', 0
  FROM (VALUES (0), (1), (2), (3)) s, leads l
  WHERE l.id = new.lead_id
  ON CONFLICT (assignee_id, channel, day) DO UPDATE SET deals = deals + excluded.deals, won = won + excluded.won;
  INSERT INTO dashboard_closed_days (assignee_id, channel, kind, day, reason, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(new.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(new.channel, '') END,
    'lost', new.closed_at / 86400000, coalesce(new.lost_reason, ''), 1
  FROM (VALUES (0), (1), (2), (3)) s
  WHERE new.stage = 'lost' AND new.closed_at IS NOT NULL
  ON CONFLICT (assignee_id, channel, kind, day, reason) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_deals_cohort_update` AFTER UPDATE OF lead_id, stage ON `deals`
WHEN old.lead_id IS NOT new.lead_id OR (old.stage = 'won') <> (new.stage = 'won')
BEGIN
  INSERT INTO dashboard_lead_days (assignee_id, channel, day, leads, deals, won, touched)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(l.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(l.channel, '') END,
    l.created_at / 86400000, 0, v.sign, v.sign * v.won, 0
  FROM (VALUES (0), (1), (2), (3)) s,
    (SELECT old.lead_id AS lead_id, -1 AS sign, old.stage = 'won' AS won UNION ALL SELECT new.lead_id, 1, new.stage = 'won') v
    JOIN leads l ON l.id = v.lead_id
  WHERE true
  ON CONFLICT (assignee_id, channel, day) DO UPDATE SET deals = deals + excluded.deals, won = won + excluded.won;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_deals_lost_update` AFTER UPDATE OF stage, closed_at, lost_reason, assignee_id, channel ON `deals`
WHEN (old.stage = 'lost' OR new.stage = 'lost') AND (old.stage IS NOT new.stage OR old.closed_at IS NOT new.closed_at
  OR old.lost_reason IS NOT new.lost_reason OR old.assignee_id IS NOT new.assignee_id OR old.channel IS NOT new.channel)
BEGIN
  INSERT INTO dashboard_closed_days (assignee_id, channel, kind, day, reason, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(v.a, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(v.c, '') END,
    'lost', v.day, v.reason, v.sign
  FROM (VALUES (0), (1), (2), (3)) s,
    (SELECT old.assignee_id AS a, old.channel AS c, old.closed_at / 86400000 AS day, coalesce(old.lost_reason, '') AS reason, -1 AS sign
      WHERE old.stage = 'lost' AND old.closed_at IS NOT NULL
      UNION ALL SELECT new.assignee_id, new.channel, new.closed_at / 86400000, coalesce(new.lost_reason, ''), 1
      WHERE new.stage = 'lost' AND new.closed_at IS NOT NULL) v
  WHERE true
  ON CONFLICT (assignee_id, channel, kind, day, reason) DO UPDATE SET count = count + excluded.count;
END;
--> statement-breakpoint
CREATE TRIGGER `dashboard_deals_delete` AFTER DELETE ON `deals` BEGIN
  INSERT INTO dashboard_lead_days (assignee_id, channel, day, leads, deals, won, touched)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(l.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(l.channel, '') END,
    l.created_at / 86400000, 0, -1, -(old.stage = 'won'), 0
  FROM (VALUES (0), (1), (2), (3)) s, leads l
  WHERE l.id = old.lead_id
  ON CONFLICT (assignee_id, channel, day) DO UPDATE SET deals = deals + excluded.deals, won = won + excluded.won;
  INSERT INTO dashboard_closed_days (assignee_id, channel, kind, day, reason, count)
  SELECT CASE WHEN s.column1 & 1 THEN '*' ELSE coalesce(old.assignee_id, '') END, CASE WHEN s.column1 & 2 THEN '*' ELSE coalesce(old.channel, '') END,
    'lost', old.closed_at / 86400000, coalesce(old.lost_reason, ''), -1
  FROM (VALUES (0), (1), (2), (3)) s
  WHERE old.stage = 'lost' AND old.closed_at IS NOT NULL
  ON CONFLICT (assignee_id, channel, kind, day, reason) DO UPDATE SET count = count + excluded.count;
END;
