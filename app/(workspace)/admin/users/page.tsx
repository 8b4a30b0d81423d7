import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/instance";
import { requireActorOrRedirect } from "@/lib/server/auth/current-actor";
import { requirePagePermission } from "@/lib/server/auth/page-access";
import { listUsersForAdmin } from "@/lib/services/users/read";
import { ProfileForm } from "../../account/profile-form";
import { ResetPasswordForm, UnlockButton } from "./account-admin";
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
          and cannot sign in until it is enabled again. A locked account has had too many failed
          sign-ins; unlocking lets its owner try again at once. Every change is in the{" "}
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
            <th>Manage</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>
                {u.name}
                {u.credentials ? <div className="muted small">{u.credentials}</div> : null}
              </td>
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
                {u.locked ? (
                  <div>
                    <strong>Locked</strong>{" "}
                    <span className="muted small">after failed sign-ins</span>
                  </div>
                ) : null}
                {u.mustChangePassword ? (
                  <div className="muted small">Temporary password</div>
                ) : null}
              </td>
              <td>
                {u.id === actor.id ? (
                  // The server refuses it too; no button for what cannot be done.
                  <span className="muted small">Your account</span>
                ) : (
                  <AccountStatusControl userId={u.id} name={u.name} disabled={!!u.disabledAt} />
                )}
                {u.locked ? <UnlockButton userId={u.id} name={u.name} /> : null}
              </td>
              <td>
                <details>
                  <summary>
                    Edit<span className="visually-hidden"> {u.name}</span>
                  </summary>
                  <div className="stack">
                    <ProfileForm
                      name={u.name}
                      credentials={u.credentials}
                      userId={u.id}
                      idPrefix={`profile-${u.id}`}
                    />
                    {u.id === actor.id ? (
                      <p className="muted small">
                        Change your own password on <Link href="/account">your account</Link>.
                      </p>
                    ) : (
                      <ResetPasswordForm userId={u.id} name={u.name} />
                    )}
                  </div>
                </details>
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
