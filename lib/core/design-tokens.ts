/**
 * The design tokens: every colour, font stack and radius the three renderings share (the
 * workspace, the public page of a publication and the standalone HTML export), so that a verdict
 * or status looks the same wherever a reader meets it. The public page is the HTML export, a
 * standalone file that cannot link a stylesheet, so the source is this module: the export's STYLE
 * writes these as CSS custom properties (`tokenCss`), and the workspace's app/styles/tokens.css
 * spells the same properties out for the bundler; tests/unit/design-tokens.test.ts fails when
 * the two differ.
 *
 * Colours meet WCAG AA on white; status and verdict are never shown by colour alone (labels and
 * underline patterns accompany every colour).
 */
import type { ClaimStatus, Severity, Verdict } from "./vocabulary";

/** A colour pair: `fg` for text and underlines, `bg` for the tint behind them. */
export interface Tint {
  fg: string;
  bg: string;
}

export const FONTS = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  "font-serif": 'Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif',
} as const;

export const RADIUS = "6px";

/** The base palette: surfaces, text, the primary action and the three message tones. */
export const PALETTE = {
  bg: "#f6f7f9",
  surface: "#ffffff",
  text: "#1b1f24",
  muted: "#57606a",
  border: "#d0d7de",
  focus: "#0b5cd5",
  primary: "#0b5cd5",
  "primary-text": "#ffffff",
  "primary-hover": "#0a4fb8",
  danger: "#b42318",
  "danger-bg": "#fef3f2",
  "danger-border": "#fecdca",
  ok: "#067647",
  "ok-bg": "#ecfdf3",
  "ok-border": "#abefc6",
  warn: "#93370d",
  "warn-bg": "#fffaeb",
  "warn-border": "#fedf89",
  /** A neutral fill: hovered buttons, quiet badges. */
  subtle: "#f2f4f7",
  "subtle-text": "#344054",
  /** The selected or current thing (selection bar, the claim in the panel, an editor's note). */
  "accent-bg": "#eff4ff",
  "accent-border": "#b2ccff",
  "pressed-bg": "#d1e0ff",
  /** The top bar. */
  chrome: "#101828",
  "chrome-text": "#ffffff",
  "chrome-badge": "#344054",
} as const;

/** A resolved claim's colour: its verdict, best (green) to worst (red). */
export const VERDICT_TINTS: Record<Verdict, Tint> = {
  accurate: { fg: "#067647", bg: "#d1fadf" },
  mostly_accurate: { fg: "#0e7090", bg: "#ccfbef" },
  misleading: { fg: "#b54708", bg: "#fef0c7" },
  unsupported: { fg: "#5925dc", bg: "#ebe9fe" },
  inaccurate: { fg: "#b42318", bg: "#fee4e2" },
};

/** An unresolved claim's colour (a resolved one shows its verdict's). */
export const STATUS_TINTS: Record<Exclude<ClaimStatus, "resolved">, Tint> = {
  open: { fg: "#475467", bg: "#eaecf0" },
  in_review: { fg: "#8a5a00", bg: "#fff4c2" },
  dismissed: { fg: "#98a2b3", bg: "transparent" },
};

export const SEVERITY_TINTS: Record<Severity, Tint> = {
  low: { fg: PALETTE.muted, bg: "transparent" },
  medium: { fg: PALETTE["subtle-text"], bg: PALETTE.subtle },
  high: { fg: PALETTE.danger, bg: PALETTE["danger-bg"] },
};

/**
 * A claim's anchor state in a revision: found (exact, moved, changed) reads quietly; an
 * orphaned claim wears the dismissed claim's badge (`status-dismissed`), since it no longer
 * marks any text.
 */
export const ANCHOR_TINTS = {
  found: { fg: PALETTE.muted, bg: PALETTE.surface },
} as const satisfies Record<string, Tint>;

const tintProperties = (prefix: string, tints: Record<string, Tint>) =>
  Object.entries(tints).flatMap(([key, t]): [string, string][] => [
    [`--${prefix}${key}-bg`, t.bg],
    [`--${prefix}${key}`, t.fg],
  ]);

/** Every token as a CSS custom property, in the order tokens.css lists them. */
export const TOKEN_PROPERTIES: Readonly<Record<string, string>> = Object.fromEntries([
  ...Object.entries(FONTS).map(([k, v]) => [`--${k}`, v]),
  ...Object.entries(PALETTE).map(([k, v]) => [`--${k}`, v]),
  ["--radius", RADIUS],
  ...tintProperties("v-", VERDICT_TINTS),
  ...tintProperties("s-", STATUS_TINTS),
  ...tintProperties("sev-", SEVERITY_TINTS),
  ...tintProperties("anchor-", ANCHOR_TINTS),
]);

/**
 * The tokens as one `:root` rule, for a standalone file's inline style: only those that `css`
 * uses (`var(--name)`) when it is given, so that a file carries no colour it does not show.
 */
export function tokenCss(css?: string): string {
  const lines = Object.entries(TOKEN_PROPERTIES)
    .filter(([name]) => css === undefined || css.includes(`var(${name})`))
    .map(([name, value]) => `  ${name}: ${value};`);
  return `:root {\n${lines.join("\n")}\n}`;
}
