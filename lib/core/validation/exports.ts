/**
 * The query of an export download: `format=` (one of lib/core/export/formats.ts, HTML when
 * absent) and which version of the text, as the workspace route (`revision=N`) and the public
 * route (`version=N`, a publication's number) name it. One schema, so both say the same thing
 * about a wrong format or number.
 */
import { z } from "zod";
import { EXPORT_FORMAT_IDS } from "@/lib/core/export/formats";

const slug = z.string().min(1).max(200);

const format = z
  .enum(EXPORT_FORMAT_IDS, {
    message: `Unknown export format; use one of ${EXPORT_FORMAT_IDS.map((f) => `format=${f}`).join(", ")}.`,
  })
  .default("html");

/** An optional whole number of 1 or more, its errors naming the query parameter. */
const ordinal = (name: string) =>
  z.coerce
    .number({ message: `${name} must be a number.` })
    .int(`${name} must be a whole number.`)
    .positive(`${name} must be 1 or more.`)
    .optional();

/** `/api/articles/<slug>/export?format=…&revision=N` */
export const articleExportQuery = z.object({ slug, format, revision: ordinal("revision") });

/** `/p/<slug>/export?format=…&version=N` */
export const publicationExportQuery = z.object({ slug, format, version: ordinal("version") });
