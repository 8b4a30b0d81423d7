/** The Activity page's URL: which page, and the visit whose divider it keeps. */
import { z } from "zod";
import { blankIsAny } from "./audit";

export const activityQuerySchema = z.object({
  before: blankIsAny(z.coerce.number().int().positive()),
  seen: blankIsAny(z.iso.datetime().transform((v) => new Date(v))),
});
