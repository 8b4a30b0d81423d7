import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { requireActorOrRedirect } from "@/lib/auth/current-actor";
import { requirePagePermission } from "@/lib/auth/page-access";
import { listUsersForAdmin } from "@/lib/users/read";
import { AccountStatusControl } from "./account-status";
import { CreateUserForm, RoleSelect } from "./user-forms";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  const actor = await requireActorOrRedirect("/admin/users");
  requirePagePermission(actor, "user:manage");
  const users = await listUsersForAdmin(await getDb(), actor);
  return (
    <div className="page stack">
      <div>
        <h1>Users</h1>
        <p className="muted">
          Roles take effect on each person’s next request. A disabled account is signed out at once
          and cannot sign in until it is enabled again. Every change is in the{" "}
          <Link href="/admin/audit">audit log</Link>.
        </p>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>E-mail</th>
            <th>Role</th>
            <th>Status</th>
            <th>Access</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <RoleSelect userId={u.id} role={u.role} label={`Role of ${u.name}`} />
              </td>
              <td data-testid="account-status">
                {u.disabledAt ? (
                  <>
                    Disabled{" "}
                    <span className="muted small">
                      since <time dateTime={u.disabledAt.toISOString()}>{day(u.disabledAt)}</time>
                    </span>
                  </>
                ) : (
                  "Active"
                )}
              </td>
              <td>
                {u.id === actor.id ? (
                  // The server refuses it too; no button for what cannot be done.
                  <span className="muted small">Your account</span>
                ) : (
                  <AccountStatusControl userId={u.id} name={u.name} disabled={!!u.disabledAt} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateUserForm />
    </div>
  );
}

/** A date as YYYY-MM-DD (UTC), the same on the server and in every locale. */
const day = (d: Date) => d.toISOString().slice(0, 10);
