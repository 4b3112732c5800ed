// The accounts (R14–R20): who has access, in what state and why, with the administrator's actions.
import { Fragment, useState } from 'react';
import { api, type User } from '../api/client.js';
import { roleLabel, STATUS_CAUSES, userStatus } from '../access/labels.js';
import { useCan } from '../app/session.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { formatDate } from '../ui/time.js';
import { useResource } from '../ui/useResource.js';
import { CreateUserForm } from './CreateUserForm.js';
import { titleAuthorized } from './job-titles.js';
import { UserDetail } from './UserDetail.js';

const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

export function UsersPage() {
  const can = useCan();
  const manage = can('users.manage');
  const users = useResource(api.users);
  const titles = useResource(api.jobTitles);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ user: User; password: string }>();
  const [open, setOpen] = useState<string>();
  const now = Date.now();

  const list = [...(users.data ?? [])].sort((a, b) => Number(a.status === 'deleted') - Number(b.status === 'deleted') || a.username.localeCompare(b.username));
  return (
    <>
      <PageHeading title="Users">
        {manage && !creating ? (
          <button type="button" onClick={() => setCreating(true)}>
            Create user
          </button>
        ) : null}
      </PageHeading>
      <p className="lead">
        Every person has their own account (R14). Only authorized job titles reach ALPR data (R16); accounts are reviewed every year and suspended when unused (R18); training comes
        first (R15).
      </p>
      {creating ? (
        <CreateUserForm
          titles={titles.data ?? []}
          onCreated={(user, password) => {
            setCreating(false);
            setCreated({ user, password });
            setOpen(user.id);
            void users.reload();
          }}
          onCancel={() => {
            setCreating(false);
            focusHeading();
          }}
        />
      ) : null}
      {created ? (
        <section className="issued-key" aria-label={`Account created for ${created.user.username}`}>
          <h2>Account created for {created.user.displayName}</h2>
          <p>
            Give <strong>{created.user.username}</strong> the temporary password <code className="secret">{created.password}</code> in person. At first sign-in they set up an
            authenticator app and choose their own password. They sign in only from an enrolled agency device: register theirs under Devices if it is new.
          </p>
          <button type="button" className="button-quiet" onClick={() => setCreated(undefined)}>
            Done
          </button>
        </section>
      ) : null}
      <FormAlert message={formError(users.error, [])} />
      {users.data === undefined ? (
        users.loading ? (
          <p role="status">Loading users…</p>
        ) : null
      ) : (
        <TableScroll label="Users">
          <table className="table users">
            <caption>{list.length} accounts</caption>
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Job title</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Review due</th>
                <th scope="col">Second factor</th>
                <th scope="col">
                  <span className="visually-hidden">Details</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((user) => {
                const status = userStatus(user.status);
                const expanded = open === user.id;
                const overdue = user.reviewDueAt !== null && user.reviewDueAt < now;
                return (
                  <Fragment key={user.id}>
                    <tr className={user.status === 'deleted' ? 'row-disabled' : undefined}>
                      <th scope="row">
                        {user.displayName} <span className="muted">({user.username})</span>
                      </th>
                      <td>
                        {user.jobTitle}
                        {titles.data && !titleAuthorized(titles.data, user.jobTitle) ? <Badge tone="warn">Not authorized</Badge> : null}
                      </td>
                      <td>{user.roles.map(roleLabel).join(', ')}</td>
                      <td>
                        <Badge tone={status.tone}>{status.label}</Badge>
                        {user.needsRetraining ? <Badge tone="warn">Needs retraining</Badge> : null}
                        {user.mustChangePassword && user.status === 'active' ? <Badge tone="muted">First sign-in pending</Badge> : null}
                        {user.statusCause || user.statusReason ? (
                          <div className="muted small">
                            {user.statusCause ? (STATUS_CAUSES[user.statusCause] ?? user.statusCause) : null}
                            {user.statusCause && user.statusReason ? ': ' : null}
                            {user.statusReason}
                          </div>
                        ) : null}
                      </td>
                      <td className="nowrap">
                        {user.reviewDueAt && user.status === 'active' ? (
                          <>
                            {formatDate(user.reviewDueAt)} {overdue ? <Badge tone="bad">Overdue</Badge> : null}
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>{user.secondFactorEnrolled ? <Badge tone="good">Set up</Badge> : <Badge tone="muted">Not yet</Badge>}</td>
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="button-quiet"
                          aria-expanded={expanded}
                          aria-controls={`user-${user.id}`}
                          onClick={() => setOpen(expanded ? undefined : user.id)}
                        >
                          {manage ? 'Manage' : 'Details'}
                          <span className="visually-hidden"> {user.username}</span>
                        </button>
                      </td>
                    </tr>
                    {expanded ? (
                      <tr id={`user-${user.id}`} className="row-detail">
                        <td colSpan={7}>
                          <UserDetail user={user} titles={titles.data ?? []} onChanged={() => void users.reload()} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
