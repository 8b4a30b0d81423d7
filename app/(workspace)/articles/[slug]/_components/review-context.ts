"use client";

import { createContext } from "react";

/**
 * What the review page's server-rendered panels (known claims, the library offer) may ask of
 * the interactive workspace around them: open a claim, or say what just happened.
 */
export const ReviewContext = createContext<{
  selectClaim: (claimId: string) => void;
  notify: (text: string) => void;
}>({ selectClaim: () => {}, notify: () => {} });
