CREATE TABLE "library_matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"revision_id" uuid NOT NULL,
	"entry_id" uuid NOT NULL,
	"phrasing_id" uuid,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"text" text NOT NULL,
	"claim_id" uuid,
	"relation" "library_relation" NOT NULL,
	"score" real NOT NULL,
	"matched_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"missing_terms" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_matches_range" CHECK ("library_matches"."start" >= 0 AND "library_matches"."end" > "library_matches"."start")
);
--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "library_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "library_matches" ADD CONSTRAINT "library_matches_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_matches" ADD CONSTRAINT "library_matches_entry_id_library_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."library_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_matches" ADD CONSTRAINT "library_matches_phrasing_id_library_phrasings_id_fk" FOREIGN KEY ("phrasing_id") REFERENCES "public"."library_phrasings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "library_matches" ADD CONSTRAINT "library_matches_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "library_matches_revision_idx" ON "library_matches" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "library_matches_entry_idx" ON "library_matches" USING btree ("entry_id");--> statement-breakpoint
CREATE UNIQUE INDEX "library_matches_span_key" ON "library_matches" USING btree ("revision_id","entry_id","start","end");