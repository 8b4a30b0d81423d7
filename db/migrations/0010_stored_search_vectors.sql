-- Workspace search (docs/search.md): the big searched texts get a stored tsvector, computed once
-- when the row is written, instead of GIN indexes on an expression. An expression index stores
-- no vector, so every ranked row, every recheck and, for a word in most articles, a scan of every
-- revision parsed the text again (`to_tsvector` on each row: 950 ms of a 1 s query on PostgreSQL
-- at 10,000 articles, docs/figures.md). A stored column is read, never parsed: the query ranks and
-- filters on it (`ts_rank_cd(search, q)`, `search @@ q`), and only the snippets of the rows shown
-- parse text (`ts_headline`).
--
-- The columns are GENERATED ... STORED (PostgreSQL 12+, PGlite alike; claimdesk_search_text is
-- IMMUTABLE), so every writer (the services, imports, a restore, the CLI) gets them without
-- writing them, and a backup leaves them out (db/queries/backup.ts reads only columns with
-- `attgenerated = ''`; a restore cannot write one, it is computed again). They are not in
-- db/schema.ts, like the hand-written indexes: drizzle never selects them, so reading a revision
-- does not read its vector as well.
--
-- Same expressions as migration 0008's indexes: a revision's text up to its first 200,000
-- characters (a tsvector is limited to 1 MB). Article titles keep their expression index (a title
-- is a few words: parsing the ranked ones costs little, and articles are read whole everywhere).
DROP INDEX IF EXISTS "revisions_text_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "claim_anchors_exact_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "claims_rationale_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "evidence_citation_search_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "comments_body_search_idx";--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', claimdesk_search_text(left("plain_text", 200000)))) STORED;--> statement-breakpoint
ALTER TABLE "claim_anchors" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', claimdesk_search_text("exact"))) STORED;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', claimdesk_search_text("rationale"))) STORED;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', claimdesk_search_text("title" || ' ' || "authors"))) STORED;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "search" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', claimdesk_search_text("body"))) STORED;--> statement-breakpoint
-- Without a pending list, as every GIN index here (migration 0009, docs/data-model.md).
CREATE INDEX "revisions_search_idx" ON "revisions" USING gin ("search") WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "claim_anchors_search_idx" ON "claim_anchors" USING gin ("search") WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "claims_search_idx" ON "claims" USING gin ("search") WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "evidence_search_idx" ON "evidence" USING gin ("search") WITH (fastupdate = off);--> statement-breakpoint
CREATE INDEX "comments_search_idx" ON "comments" USING gin ("search") WITH (fastupdate = off) WHERE "deleted_at" IS NULL;
