ALTER TABLE "claims" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "deleted_by_id" uuid;--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "no_claims_note" text;--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "no_claims_by_id" uuid;--> statement-breakpoint
ALTER TABLE "revisions" ADD COLUMN "no_claims_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "credentials" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "must_change_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "public_base_url" text;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "logo_text" text;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "review_interval_months" integer DEFAULT 12 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "public_pages_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_deleted_by_id_users_id_fk" FOREIGN KEY ("deleted_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revisions" ADD CONSTRAINT "revisions_no_claims_by_id_users_id_fk" FOREIGN KEY ("no_claims_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;