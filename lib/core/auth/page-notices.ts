/**
 * Workspace pages a role may not use: by path, the permission each needs and what its 403 says
 * (Next renders forbidden.tsx without props, so the notice is found by the request's path).
 * Pure.
 */
import type { Permission } from "./permissions";

export interface PageRule {
  path: RegExp;
  permission: Permission;
  notice: string;
}

export const PAGE_RULES: readonly PageRule[] = [
  { path: /^\/admin\/users\/?$/, permission: "user:manage", notice: "Only admins manage users." },
  {
    path: /^\/admin\/audit\/?$/,
    permission: "audit:read",
    notice: "Only admins read the audit log.",
  },
  {
    path: /^\/articles\/new\/?$/,
    permission: "article:import",
    notice: "Only editors can import articles. Ask an editor or an admin.",
  },
  {
    path: /^\/articles\/[^/]+\/edit\/?$/,
    permission: "article:edit",
    notice: "Your role cannot edit article text: editors do that.",
  },
  {
    path: /^\/articles\/[^/]+\/annotations\/?$/,
    permission: "claim:create",
    notice: "Only reviewers, editors and admins can import annotations.",
  },
  {
    path: /^\/articles\/[^/]+\/review-dates\/?$/,
    permission: "article:review_dates",
    notice: "Only editors set an article's medical review dates.",
  },
  {
    path: /^\/articles\/[^/]+\/checklist\/?$/,
    permission: "article:checklist",
    notice: "Only reviewers, editors and admins fill in the article checklist.",
  },
];

const GENERIC = "Your role does not give access to this page. Ask an admin if you need it.";

/** The rule of the page at `pathname`, if it has one. */
export function pageRuleFor(pathname: string | null | undefined): PageRule | undefined {
  return pathname ? PAGE_RULES.find((rule) => rule.path.test(pathname)) : undefined;
}

/** The notice for the refused page at `pathname` (a generic one for any other path). */
export function forbiddenNotice(pathname: string | null | undefined): string {
  return pageRuleFor(pathname)?.notice ?? GENERIC;
}

/** The request header proxy.ts sets to the request's path, for the 403 page. */
export const PATHNAME_HEADER = "x-claimdesk-pathname";
