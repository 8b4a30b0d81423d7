CREATE TYPE "public"."reference_flag" AS ENUM('retracted', 'withdrawn', 'expression_of_concern', 'corrected');--> statement-breakpoint
CREATE TYPE "public"."reference_source" AS ENUM('manual', 'crossref', 'pubmed', 'import');--> statement-breakpoint
CREATE TABLE "article_checklists" (
	"article_id" uuid PRIMARY KEY NOT NULL,
	"items" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "bib_references" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer NOT NULL,
	"doi" text,
	"pmid" text,
	"pmcid" text,
	"title" text NOT NULL,
	"authors" text DEFAULT '' NOT NULL,
	"journal" text DEFAULT '' NOT NULL,
	"year" integer,
	"volume" text DEFAULT '' NOT NULL,
	"issue" text DEFAULT '' NOT NULL,
	"pages" text DEFAULT '' NOT NULL,
	"url" text,
	"publication_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"source" "reference_source" DEFAULT 'manual' NOT NULL,
	"flag" "reference_flag",
	"flagged_at" timestamp with time zone,
	"watched_at" timestamp with time zone,
	"watch_error" text,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_grade_assessments" (
	"claim_id" uuid PRIMARY KEY NOT NULL,
	"domains" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"upgrades" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lookup_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"status" integer NOT NULL,
	"body" jsonb,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "publication_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"publication_id" uuid NOT NULL,
	"reference_id" uuid NOT NULL,
	"kind" "reference_flag" NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference_id" uuid NOT NULL,
	"kind" "reference_flag" NOT NULL,
	"origin" text NOT NULL,
	"notice_doi" text,
	"notice_pmid" text,
	"notice_date" text,
	"label" text DEFAULT '' NOT NULL,
	"found_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduled_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"locked_by" text,
	"locked_until" timestamp with time zone,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_outcome" text,
	"last_summary" jsonb,
	"last_error" text
);
--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "last_reviewed_on" date;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "review_interval_months" integer;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "next_review_due" date;--> statement-breakpoint
ALTER TABLE "evidence" ADD COLUMN "reference_id" uuid;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "checklist_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "article_checklists" ADD CONSTRAINT "article_checklists_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_checklists" ADD CONSTRAINT "article_checklists_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bib_references" ADD CONSTRAINT "bib_references_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_grade_assessments" ADD CONSTRAINT "claim_grade_assessments_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_grade_assessments" ADD CONSTRAINT "claim_grade_assessments_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_notices" ADD CONSTRAINT "publication_notices_publication_id_publications_id_fk" FOREIGN KEY ("publication_id") REFERENCES "public"."publications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publication_notices" ADD CONSTRAINT "publication_notices_reference_id_bib_references_id_fk" FOREIGN KEY ("reference_id") REFERENCES "public"."bib_references"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_notices" ADD CONSTRAINT "reference_notices_reference_id_bib_references_id_fk" FOREIGN KEY ("reference_id") REFERENCES "public"."bib_references"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bib_references_number_key" ON "bib_references" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "bib_references_doi_key" ON "bib_references" USING btree ("doi") WHERE "bib_references"."doi" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "bib_references_pmid_key" ON "bib_references" USING btree ("pmid") WHERE "bib_references"."pmid" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "bib_references_watched_idx" ON "bib_references" USING btree ("watched_at");--> statement-breakpoint
CREATE INDEX "bib_references_flag_idx" ON "bib_references" USING btree ("flag");--> statement-breakpoint
CREATE INDEX "lookup_cache_expires_idx" ON "lookup_cache" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "publication_notices_key" ON "publication_notices" USING btree ("publication_id","reference_id","kind");--> statement-breakpoint
CREATE INDEX "publication_notices_publication_idx" ON "publication_notices" USING btree ("publication_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reference_notices_key" ON "reference_notices" USING btree ("reference_id","kind","origin");--> statement-breakpoint
CREATE INDEX "reference_notices_reference_idx" ON "reference_notices" USING btree ("reference_id");--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_reference_id_bib_references_id_fk" FOREIGN KEY ("reference_id") REFERENCES "public"."bib_references"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "articles_next_review_due_idx" ON "articles" USING btree ("next_review_due");--> statement-breakpoint
CREATE INDEX "evidence_reference_idx" ON "evidence" USING btree ("reference_id");--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_review_interval_positive" CHECK ("articles"."review_interval_months" IS NULL OR "articles"."review_interval_months" BETWEEN 1 AND 120);