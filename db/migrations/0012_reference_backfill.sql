-- Evidence typed before the reference list existed (issue 13): one reference per distinct DOI
-- (lower-cased), then per PMID of the items still unlinked, made from the oldest item's citation,
-- and every such item linked to its reference. The items' own citation fields are left as typed
-- (they may differ between items of one DOI); the next correction of the reference rewrites them.
-- A PMID that two DOIs' oldest items share is left off both references (its key is unique).
-- Plain SQL, for PGlite (PostgreSQL 18) and PostgreSQL 15 alike. No audit events: a migration
-- is not a person's change; docs/evidence.md says so.
WITH firsts AS (
  SELECT DISTINCT ON (lower(e.doi))
    lower(e.doi) AS doi, e.pmid, e.title, e.authors, e.publisher, e.year, e.url,
    e.added_by_id, e.created_at
  FROM evidence e
  WHERE e.doi IS NOT NULL AND e.reference_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM bib_references r WHERE r.doi = lower(e.doi))
  ORDER BY lower(e.doi), e.created_at, e.id
), numbered AS (
  SELECT f.*,
    row_number() OVER (ORDER BY f.created_at, f.doi) AS n,
    count(*) OVER (PARTITION BY f.pmid) AS pmid_uses
  FROM firsts f
)
INSERT INTO bib_references (number, doi, pmid, title, authors, journal, year, url, source, created_by_id)
SELECT
  (SELECT coalesce(max(number), 0) FROM bib_references) + numbered.n,
  numbered.doi,
  CASE
    WHEN numbered.pmid IS NOT NULL AND numbered.pmid_uses = 1
      AND NOT EXISTS (SELECT 1 FROM bib_references r WHERE r.pmid = numbered.pmid)
    THEN numbered.pmid
  END,
  numbered.title, numbered.authors, numbered.publisher, numbered.year, numbered.url,
  'manual', numbered.added_by_id
FROM numbered;--> statement-breakpoint
UPDATE evidence e SET reference_id = r.id
FROM bib_references r
WHERE e.reference_id IS NULL AND e.doi IS NOT NULL AND r.doi = lower(e.doi);--> statement-breakpoint
WITH firsts AS (
  SELECT DISTINCT ON (e.pmid)
    e.pmid, e.title, e.authors, e.publisher, e.year, e.url, e.added_by_id, e.created_at
  FROM evidence e
  WHERE e.pmid IS NOT NULL AND e.reference_id IS NULL
    AND NOT EXISTS (SELECT 1 FROM bib_references r WHERE r.pmid = e.pmid)
  ORDER BY e.pmid, e.created_at, e.id
), numbered AS (
  SELECT f.*, row_number() OVER (ORDER BY f.created_at, f.pmid) AS n FROM firsts f
)
INSERT INTO bib_references (number, pmid, title, authors, journal, year, url, source, created_by_id)
SELECT
  (SELECT coalesce(max(number), 0) FROM bib_references) + numbered.n,
  numbered.pmid, numbered.title, numbered.authors, numbered.publisher, numbered.year,
  numbered.url, 'manual', numbered.added_by_id
FROM numbered;--> statement-breakpoint
UPDATE evidence e SET reference_id = r.id
FROM bib_references r
WHERE e.reference_id IS NULL AND e.pmid IS NOT NULL AND r.pmid = e.pmid;
