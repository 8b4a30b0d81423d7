"use client";

import { useState } from "react";
import { unsubscribeAction } from "@/lib/entry/actions/unsubscribe";

export function UnsubscribeButton({ token }: { token: string }) {
  const [state, setState] = useState<"idle" | "pending" | "done">("idle");
  const [error, setError] = useState<string | null>(null);
  if (state === "done") {
    return (
      <p role="status">
        Done: e-mail for these notifications is off. You can turn it on again on your account page.
      </p>
    );
  }
  return (
    <>
      {error ? <p role="alert">{error}</p> : null}
      <button
        type="button"
        className="button primary"
        disabled={state === "pending"}
        onClick={async () => {
          setState("pending");
          setError(null);
          try {
            const result = await unsubscribeAction({ token });
            if (result.ok) setState("done");
            else {
              setError(result.error.message);
              setState("idle");
            }
          } catch {
            setError("The server could not be reached. Try again.");
            setState("idle");
          }
        }}
      >
        {state === "pending" ? "Turning e-mail off…" : "Turn e-mail off"}
      </button>
    </>
  );
}
