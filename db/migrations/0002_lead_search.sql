-- Lead search for /find, kept in step by triggers so every writer (intake, bot, imports) is covered.
-- Trigram FTS5 answers "contains" queries from an index and folds case beyond ASCII (Иван = иван),
-- which LIKE cannot. The lead number is the FTS rowid: it never changes, unlike an implicit rowid after VACUUM.
CREATE VIRTUAL TABLE `leads_search` USING fts5(name, company_name, email, content='leads', content_rowid='number', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER `leads_search_insert` AFTER INSERT ON `leads` BEGIN
  INSERT INTO leads_search(rowid, name, company_name, email) VALUES (new.number, new.name, new.company_name, new.email);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_search_delete` AFTER DELETE ON `leads` BEGIN
  INSERT INTO leads_search(leads_search, rowid, name, company_name, email) VALUES ('delete', old.number, old.name, old.company_name, old.email);
END;
--> statement-breakpoint
CREATE TRIGGER `leads_search_update` AFTER UPDATE OF name, company_name, email ON `leads` BEGIN
  INSERT INTO leads_search(leads_search, rowid, name, company_name, email) VALUES ('delete', old.number, old.name, old.company_name, old.email);
  INSERT INTO leads_search(rowid, name, company_name, email) VALUES (new.number, new.name, new.company_name, new.email);
END;
--> statement-breakpoint
INSERT INTO leads_search(leads_search) VALUES ('rebuild');
--> statement-breakpoint
-- "Find by the last digits": an expression index on the phone's last four digits narrows any tail of 4+ digits.
CREATE INDEX `leads_phone_tail` ON `leads` (substr(`phone`, -4));
