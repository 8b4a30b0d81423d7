import type { Metadata } from "next";
import Link from "next/link";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import article" };
export const dynamic = "force-dynamic";

export default async function NewArticlePage() {
  requirePagePermission(await requireActorOrRedirect("/articles/new"), "article:import");
  return (
    <div className="page">
      <p>
        <Link href="/articles">← Articles</Link>
      </p>
      <h1>Import an article</h1>
      <p className="muted">
        Paste plain text, Markdown or HTML, or upload a .txt, .md, .html or Word .docx file. Only
        the text and its structure are kept: headings, paragraphs, lists, quotes, bold, italic and
        web links.
      </p>
      <ImportForm />
    </div>
  );
}
