import type { Metadata } from "next";
import Link from "next/link";
import { requireActorOrRedirect } from "@/lib/auth/current-actor";
import { can } from "@/lib/auth/permissions";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import article" };
export const dynamic = "force-dynamic";

export default async function NewArticlePage() {
  const actor = await requireActorOrRedirect("/articles/new");
  return (
    <div className="page">
      <p>
        <Link href="/articles">← Articles</Link>
      </p>
      <h1>Import an article</h1>
      {can(actor, "article:import") ? (
        <>
          <p className="muted">
            Paste plain text, Markdown or HTML, or upload a .txt, .md, .html or Word .docx file.
            Only the text and its structure are kept: headings, paragraphs, lists, quotes, bold,
            italic and web links.
          </p>
          <ImportForm />
        </>
      ) : (
        <div className="alert warning" role="status">
          Only editors can import articles. Ask an editor or an admin.
        </div>
      )}
    </div>
  );
}
