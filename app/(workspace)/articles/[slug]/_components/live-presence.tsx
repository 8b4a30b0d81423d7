"use client";

import { useContext } from "react";
import { ReviewContext } from "./review-context";

/** Someone else on this review page (GET /api/live's presence list, less the person). */
export interface PresentPerson {
  userId: string;
  name: string;
  claimId: string | null;
  claimNumber: number | null;
  mode: "viewing" | "editing";
}

/** "Ann is editing claim 3", for the people who have this claim open. */
export function PresenceNote({ claimId }: { claimId: string }) {
  const people = useContext(ReviewContext).people.filter((p) => p.claimId === claimId);
  return people.map((p) => (
    <span key={p.userId} className="small muted" data-testid="presence">
      {p.name} is {p.mode} claim {p.claimNumber}
    </span>
  ));
}
