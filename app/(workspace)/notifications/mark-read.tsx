"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { markNotificationsReadAction } from "@/lib/entry/actions/notifications";

/** A button that marks some (or all) of one's notifications read, then re-reads the page. */
function MarkButton({
  input,
  label,
  className,
}: {
  input: { ids: number[] | null };
  label: string;
  className: string;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const pending = sending || refreshing;
  return (
    <>
      <button
        type="button"
        className={className}
        disabled={pending}
        onClick={async () => {
          setSending(true);
          setError(null);
          const result = await markNotificationsReadAction(input);
          setSending(false);
          if (!result.ok) return setError(result.error.message);
          startTransition(() => router.refresh());
        }}
      >
        {pending ? "Marking…" : label}
      </button>
      {error ? (
        <span role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </>
  );
}

export function MarkRead({ id }: { id: number }) {
  return <MarkButton input={{ ids: [id] }} label="Mark read" className="link-button small" />;
}

export function MarkAllRead() {
  return <MarkButton input={{ ids: null }} label="Mark all read" className="button" />;
}
