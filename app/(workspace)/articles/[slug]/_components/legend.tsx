import { CLAIM_STATUS_LABELS, VERDICT_INFO, VERDICTS } from "@/lib/core/vocabulary";

/** What the highlight colours mean, in words (colour is never the only signal). */
export function Legend() {
  const items = [
    { className: "status-open", label: CLAIM_STATUS_LABELS.open },
    { className: "status-in_review", label: CLAIM_STATUS_LABELS.in_review },
    ...VERDICTS.map((v) => ({ className: `verdict-${v}`, label: VERDICT_INFO[v].label })),
    { className: "status-open nested", label: "A claim inside another" },
  ];
  return (
    <ul className="legend" aria-label="Highlight legend">
      {items.map((i) => (
        <li key={i.className}>
          <span className={`swatch claim-hl ${i.className}`} aria-hidden="true" />
          {i.label}
        </li>
      ))}
    </ul>
  );
}
