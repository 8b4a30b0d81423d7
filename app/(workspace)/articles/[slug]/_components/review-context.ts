"use client";

import { createContext } from "react";
import type { PresentPerson } from "./live-presence";

/**
 * What the review page's server-rendered panels (known claims, the library offer) may ask of
 * the interactive workspace around them: open a claim, or say what just happened. Also who
 * else is on the page and who last changed each claim (by claim id), from the live connection.
 */
export const ReviewContext = createContext<{
  selectClaim: (claimId: string) => void;
  notify: (text: string) => void;
  people: PresentPerson[];
  changedBy: Record<string, string>;
}>({ selectClaim: () => {}, notify: () => {}, people: [], changedBy: {} });
