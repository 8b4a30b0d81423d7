"use client";

import { useRouter } from "next/navigation";
import { useContext, useEffect } from "react";
import { DraftUser } from "@/app/_components/draft-scope";
import { LIVE_EVENT, lastPresence, setLiveFocus } from "@/app/(workspace)/_components/live-bus";
import type { PresentPerson } from "./live-presence";

/** How long to gather others' changes before re-reading the page once. */
const REFRESH_DEBOUNCE_MS = 250;

type Message =
  | {
      type: "article";
      articleId: string;
      claimId: string | null;
      actorId: string | null;
      actorName: string | null;
    }
  | { type: "presence"; articleId: string; people: PresentPerson[] }
  | { type: "resync" };

/**
 * The review page's side of the live connection, loaded after the page (its first-load budget
 * is spent): tells the connection which article and claim are open and whether the person is
 * typing in the claim's panel; re-reads the page (router.refresh) when someone else changed
 * the article — forms keep what is typed, the claim panel offers their version — and reports
 * who else is here. Renders nothing.
 */
export default function LiveReview({
  articleId,
  claimId,
  onPresence,
  onChangedBy,
}: {
  articleId: string;
  claimId: string | null;
  onPresence: (people: PresentPerson[]) => void;
  onChangedBy: (claimId: string, name: string) => void;
}) {
  const router = useRouter();
  const me = useContext(DraftUser);

  useEffect(() => {
    const typing = () => {
      const el = document.activeElement;
      return !!el?.closest("[data-testid=claim-panel]") && el.matches("textarea, input, select");
    };
    const say = () => setLiveFocus({ articleId, claimId, editing: typing() });
    say();
    // After the focus moved (focusout fires before the next element has it).
    const later = () => setTimeout(say);
    document.addEventListener("focusin", say);
    document.addEventListener("focusout", later);
    return () => {
      document.removeEventListener("focusin", say);
      document.removeEventListener("focusout", later);
      setLiveFocus({ articleId: null, claimId: null, editing: false });
    };
  }, [articleId, claimId]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), REFRESH_DEBOUNCE_MS);
    };
    const onLive = (event: Event) => {
      const m = (event as CustomEvent<Message>).detail;
      if (m.type === "resync") return refresh();
      if (m.articleId !== articleId) return;
      if (m.type === "presence") return onPresence(m.people.filter((p) => p.userId !== me));
      // The person's own saves refresh the page themselves.
      if (m.actorId === me) return;
      if (m.claimId) onChangedBy(m.claimId, m.actorName ?? "someone");
      refresh();
    };
    window.addEventListener(LIVE_EVENT, onLive);
    // The list that came before this part loaded (the connection opens with the page).
    const kept = lastPresence() as Message | null;
    if (kept?.type === "presence" && kept.articleId === articleId) {
      onPresence(kept.people.filter((p) => p.userId !== me));
    }
    return () => {
      clearTimeout(timer);
      window.removeEventListener(LIVE_EVENT, onLive);
    };
  }, [articleId, me, router, onPresence, onChangedBy]);

  return null;
}
