/**
 * What the 403 page says for each workspace page a role may not use, by its path (the 403 page
 * cannot be told more: Next renders forbidden.tsx without props). Pure.
 */
const NOTICES: readonly [RegExp, string][] = [
  [/^\/admin\/users(\/|$)/, "Only admins manage users."],
  [/^\/admin\/audit(\/|$)/, "Only admins read the audit log."],
  [/^\/articles\/new\/?$/, "Only editors can import articles. Ask an editor or an admin."],
  [/^\/articles\/[^/]+\/edit\/?$/, "Your role cannot edit article text: editors do that."],
  [
    /^\/articles\/[^/]+\/annotations\/?$/,
    "Only reviewers, editors and admins can import annotations.",
  ],
];

const GENERIC = "Your role does not give access to this page. Ask an admin if you need it.";

/** The notice for the refused page at `pathname` (a generic one for any other path). */
export function forbiddenNotice(pathname: string | null | undefined): string {
  if (!pathname) return GENERIC;
  return NOTICES.find(([path]) => path.test(pathname))?.[1] ?? GENERIC;
}

/** The request header proxy.ts sets to the request's path, for the 403 page. */
export const PATHNAME_HEADER = "x-claimdesk-pathname";
