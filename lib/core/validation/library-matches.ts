/** Inputs of the claims-library match actions: check a revision, accept or dismiss a match. */
import { z } from "zod";
import { id } from "./common";

export const matchRevisionSchema = z.object({ revisionId: id() });

export const libraryMatchSchema = z.object({ matchId: id() });
