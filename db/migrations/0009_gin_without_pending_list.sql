-- Every GIN index (the library's full-text and trigram indexes, the workspace search's) is read
-- on every lookup, and a GIN index's "pending list" (fastupdate: new rows queued unsorted until a
-- VACUUM merges them) is scanned in full by each of those reads. PostgreSQL's autovacuum keeps
-- the list short; PGlite has no autovacuum, so after a bulk import every lookup read up to 4 MB
-- of unsorted entries (4.4 ms of a 1.4 ms query, measured on the library bench). Without the
-- list, an insert updates the index at once: a little slower to write, never slower to read.
DO $$
DECLARE
  ix regclass;
BEGIN
  FOR ix IN
    SELECT i.indexrelid::regclass
    FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_am am ON am.oid = c.relam
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE am.amname = 'gin' AND n.nspname = 'public'
  LOOP
    EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', ix);
    PERFORM gin_clean_pending_list(ix);
  END LOOP;
END
$$;
