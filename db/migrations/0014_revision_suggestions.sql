CREATE TABLE "revision_suggestions" (
	"revision_id" uuid NOT NULL,
	"detector_version" integer NOT NULL,
	"suggestions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "revision_suggestions_revision_id_detector_version_pk" PRIMARY KEY("revision_id","detector_version")
);
--> statement-breakpoint
ALTER TABLE "revision_suggestions" ADD CONSTRAINT "revision_suggestions_revision_id_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."revisions"("id") ON DELETE no action ON UPDATE no action;