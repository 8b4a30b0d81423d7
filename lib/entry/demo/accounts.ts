/**
 * The demo workspace's accounts. Created only by the demo command (CLAIMDESK_DEMO=1); a plain
 * production start never creates them. The passwords are public by design: they are printed
 * on start and shown on the demo's sign-in page.
 */
import type { Role } from "@/lib/core/vocabulary";

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  password: string;
  does: string;
  /** Professional credentials shown with the name on published fact-checks. */
  credentials?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    email: "reviewer@example.com",
    name: "Rita Reviewer",
    role: "reviewer",
    password: "demo-reviewer-pass",
    does: "checks claims, adds evidence",
    credentials: "MD, nephrologist",
  },
  {
    email: "editor@example.com",
    name: "Eddie Editor",
    role: "editor",
    password: "demo-editor-pass",
    does: "imports and revises articles",
  },
  {
    email: "managing.editor@example.com",
    name: "Mona Managing-Editor",
    role: "editor",
    password: "demo-managing-pass",
    does: "approves others' revisions",
  },
  {
    email: "admin@example.com",
    name: "Ada Admin",
    role: "admin",
    password: "demo-admin-pass",
    does: "manages users and settings",
  },
  {
    email: "viewer@example.com",
    name: "Vic Viewer",
    role: "viewer",
    password: "demo-viewer-pass",
    does: "reads and exports",
  },
];

export function isDemoMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CLAIMDESK_DEMO === "1" || env.CLAIMDESK_DEMO === "true";
}
