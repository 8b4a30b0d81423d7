import type { Metadata } from "next";
import Link from "next/link";
import { Field, fieldA11y } from "@/app/_components/field";
import { getDb } from "@/db/instance";
import { can } from "@/lib/core/auth/permissions";
import { REFERENCE_FLAG_LABELS } from "@/lib/core/evidence-vocabulary";
import { referenceListQuery } from "@/lib/core/validation/references";
import { toFieldErrors } from "@/lib/server/action";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { getReferenceList } from "@/lib/services/references/read";
import { ReferenceImportForm } from "./import-form";

export const metadata: Metadata = { title: "References" };
export const dynamic = "force-dynamic";

/**
 * The workspace's reference list: every work its evidence cites, found by title, DOI or PMID,
 * or only the flagged ones (the retraction watch's findings); how many evidence items cite each;
 * and the import of a reference manager's file.
 */
export default async function ReferencesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActorOrRedirect("/references");
  const raw = await searchParams;
  const typed = (key: string) => (typeof raw[key] === "string" ? raw[key] : "");
  const parsed = referenceListQuery.safeParse(raw);
  const errors = parsed.success ? {} : toFieldErrors(parsed.error);
  const query = parsed.success ? parsed.data : null;
  const list = query ? await getReferenceList(await getDb(), actor, query) : null;
  const filtered = Boolean(query && (query.q || query.flagged));

  return (
    <div className="page page-wide stack">
      <div className="page-header">
        <div>
          <h1>References</h1>
          <p className="muted">
            The works our evidence cites. Correcting one here corrects every evidence item citing
            it.
          </p>
        </div>
      </div>

      <form method="get" action="/references" className="card" aria-label="Filters">
        <div className="field-row">
          <Field id="q" label="Search" errors={errors.q}>
            <input
              {...fieldA11y("q", errors.q)}
              type="search"
              defaultValue={typed("q")}
              placeholder="Title words, a DOI or a PMID"
            />
          </Field>
          <div className="field">
            <label>
              <input type="checkbox" name="flagged" value="1" defaultChecked={query?.flagged} />{" "}
              Only flagged (retracted, concern, corrected…)
            </label>
          </div>
        </div>
        <div className="button-row">
          <button type="submit" className="button primary">
            Apply
          </button>
          <Link href="/references">Clear</Link>
        </div>
      </form>

      {!list ? (
        <div className="alert error" role="alert">
          {Object.values(errors)[0]?.[0] ?? "The filters are not valid."}
        </div>
      ) : list.total === 0 ? (
        <div className="card">
          <p className="empty">The reference list is empty.</p>
          <p className="muted">
            A reference is added when evidence with a DOI or PMID is saved, or imported from a
            reference manager’s file
            {can(actor, "reference:write") ? " below" : " by a reviewer"}.
          </p>
        </div>
      ) : list.references.length === 0 ? (
        <div className="card">
          <p className="empty">No references match {filtered ? "these filters" : ""}.</p>
          <p>
            <Link href="/references">Clear the filters</Link> to see every reference.
          </p>
        </div>
      ) : (
        <>
          <p className="muted small" role="status">
            {list.references.length === list.total
              ? `${list.total} reference${list.total === 1 ? "" : "s"}`
              : `Showing ${list.references.length} of ${list.total}`}
          </p>
          <table className="table" aria-label="References">
            <thead>
              <tr>
                <th>Reference</th>
                <th>Title</th>
                <th>Authors</th>
                <th>Journal</th>
                <th>Year</th>
                <th>DOI / PMID</th>
                <th>Cited by</th>
                <th>Flag</th>
              </tr>
            </thead>
            <tbody>
              {list.references.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/references/${r.number}`}>R{r.number}</Link>
                  </td>
                  <td>{r.title}</td>
                  <td className="small">{r.authors}</td>
                  <td className="small">{r.journal}</td>
                  <td>{r.year ?? ""}</td>
                  <td className="small">
                    {[r.doi, r.pmid ? `PMID ${r.pmid}` : null].filter(Boolean).join(" · ")}
                  </td>
                  <td>
                    {r.evidenceCount} evidence item{r.evidenceCount === 1 ? "" : "s"}
                  </td>
                  <td>
                    {r.flag ? (
                      <span className={`badge reference-flag-${r.flag}`}>
                        {REFERENCE_FLAG_LABELS[r.flag]}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {can(actor, "reference:write") ? (
        <section className="card" aria-labelledby="reference-import-heading">
          <h2 id="reference-import-heading">Import references</h2>
          <p className="muted">
            A file exported from Zotero, EndNote, Mendeley or PubMed. You see every record first,
            with duplicates (by DOI or PMID) and errors; nothing is imported until you confirm.
          </p>
          <ReferenceImportForm />
        </section>
      ) : null}
    </div>
  );
}
