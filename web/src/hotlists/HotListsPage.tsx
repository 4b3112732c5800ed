// Hot lists (issue 5; R5–R8, R12, R13, R37): every list with its designation, staleness and
// retention; imports with mapping and progress, and their history; the agency entry form; the
// supervisors' approvals queue; and a list's entries, which are hot-list details and so are shown
// only under a stated purpose (invariant 1).
import { Fragment, useCallback, useState } from 'react';
import { useCan } from '../app/session.js';
import { StatedPurposePanel, useStatedPurpose } from '../search/StatedPurposePanel.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useResource } from '../ui/useResource.js';
import { EntriesTable } from './EntriesTable.js';
import { EntryForm } from './EntryForm.js';
import { hotlistsApi, type HotList } from './hotlists.api.js';
import { ImportPanel } from './ImportPanel.js';
import { ImportHistory } from './ImportHistory.js';
import { ListForm } from './ListForm.js';
import { DATA_SOURCE_LABELS, when } from './labels.js';
import './hotlists.css';

type Panel = 'import' | 'history' | 'entries';

function EntriesPanel({ list, canCheck, canRemove }: { list: HotList; canCheck: boolean; canRemove: boolean }) {
  const entries = useResource(useCallback(() => hotlistsApi.entries(list.id), [list.id]));
  return (
    <>
      <FormAlert message={formError(entries.error, [])} />
      {entries.data ? <EntriesTable entries={entries.data} label={`Entries of ${list.name}`} actions={{ check: canCheck, remove: canRemove }} onChanged={() => void entries.reload()} /> : <p role="status">Loading entries…</p>}
    </>
  );
}

function ApprovalsQueue() {
  const pending = useResource(hotlistsApi.pending, 30_000);
  return (
    <>
      <FormAlert message={formError(pending.error, [])} />
      {pending.data ? <EntriesTable entries={pending.data} label={pending.data.length === 1 ? '1 entry awaiting approval' : `${pending.data.length} entries awaiting approval`} actions={{ approve: true }} onChanged={() => void pending.reload()} /> : <p role="status">Loading…</p>}
    </>
  );
}

export function HotListsPage() {
  const can = useCan();
  const manage = can('hotlists.manage');
  const enter = can('hotlists.enter');
  const approve = can('hotlists.approve');
  const data = useResource(hotlistsApi.lists, 15_000);
  const [purpose, setPurpose] = useStatedPurpose();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<{ listId: string; panel: Panel }>();
  const [actionError, setActionError] = useState<unknown>();
  const reload = useCallback(() => void data.reload(), [data]);

  const lists = data.data?.lists ?? [];
  const staleInUse = lists.filter((list) => list.active && list.stale);
  const toggle = (listId: string, panel: Panel) => setOpen(open?.listId === listId && open.panel === panel ? undefined : { listId, panel });
  const designate = async (list: HotList) => {
    setActionError(undefined);
    try {
      await hotlistsApi.designate(list.id, !list.active);
      await data.reload();
    } catch (caught) {
      setActionError(caught);
    }
  };

  return (
    <>
      <PageHeading title="Hot lists">
        {manage && !creating ? (
          <button type="button" onClick={() => setCreating(true)}>
            New list
          </button>
        ) : null}
      </PageHeading>
      <p className="lead">
        Only lists the ALPR Administrator designates are matched (R5). General lists are replaced whole by each download or import (R6); agency entries take effect once a supervisor approves them (R7). Every alert shows when its list was last updated (R12).
      </p>
      {staleInUse.length ? (
        <div className="form-alert" role="alert">
          {staleInUse.length === 1 ? 'A list in use may be out of date' : `${staleInUse.length} lists in use may be out of date`}: {staleInUse.map((list) => `${list.name} — ${list.staleReason}`).join(' ')}
        </div>
      ) : null}
      {creating && data.data ? (
        <ListForm
          sources={data.data.sources}
          onDone={() => {
            setCreating(false);
            reload();
          }}
          onCancel={() => setCreating(false)}
        />
      ) : null}
      <FormAlert message={formError(actionError, []) ?? formError(data.error, [])} />

      {data.data === undefined ? (
        data.loading ? (
          <p role="status">Loading hot lists…</p>
        ) : null
      ) : (
        <TableScroll label="Hot lists">
          <table className="table hotlists">
            <caption>{lists.length === 1 ? '1 hot list' : `${lists.length} hot lists`}</caption>
            <thead>
              <tr>
                <th scope="col">List</th>
                <th scope="col">Priority</th>
                <th scope="col">In use</th>
                <th scope="col">Entries</th>
                <th scope="col">Last updated</th>
                <th scope="col">Deleted after</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {lists.map((list) => {
                const panel = open?.listId === list.id ? open.panel : undefined;
                return (
                  <Fragment key={list.id}>
                    <tr className={list.active ? undefined : 'row-disabled'}>
                      <th scope="row">
                        {list.name}
                        <div className="muted">
                          {list.sourceLabel} · {DATA_SOURCE_LABELS[list.dataSource]} data · owner {list.owner}
                        </div>
                      </th>
                      <td>{list.priority}</td>
                      <td>
                        <Badge tone={list.active ? 'good' : 'muted'}>{list.active ? 'Designated' : 'Not designated'}</Badge>
                        {list.designatedBy ? <div className="muted">by {list.designatedBy}</div> : null}
                      </td>
                      <td>
                        {list.activeEntries.toLocaleString()}
                        {list.pendingEntries ? <div className="muted">{list.pendingEntries} awaiting approval</div> : null}
                      </td>
                      <td>
                        {when(list.lastUpdatedAt)}
                        {list.stale ? (
                          <div>
                            <Badge tone="warn">Stale</Badge> <span className="hint">{list.staleReason}</span>
                          </div>
                        ) : null}
                      </td>
                      <td>
                        {new Date(list.deletesAt).toLocaleDateString()}
                        <div className="muted">{list.retentionDays} days (R13)</div>
                      </td>
                      <td className="cell-actions">
                        {manage ? (
                          <button type="button" className="button-quiet" onClick={() => void designate(list)}>
                            {list.active ? 'Stop using' : 'Designate'}
                          </button>
                        ) : null}
                        {manage && list.kind === 'general' ? (
                          <button type="button" className="button-quiet" aria-expanded={panel === 'import'} onClick={() => toggle(list.id, 'import')}>
                            Import
                          </button>
                        ) : null}
                        {list.kind === 'general' ? (
                          <button type="button" className="button-quiet" aria-expanded={panel === 'history'} onClick={() => toggle(list.id, 'history')}>
                            History
                          </button>
                        ) : null}
                        <button type="button" className="button-quiet" aria-expanded={panel === 'entries'} onClick={() => toggle(list.id, 'entries')}>
                          Entries
                        </button>
                      </td>
                    </tr>
                    {panel ? (
                      <tr>
                        <td colSpan={7}>
                          {panel === 'import' ? <ImportPanel list={list} onFinished={reload} /> : null}
                          {panel === 'history' ? <ImportHistory listId={list.id} /> : null}
                          {panel === 'entries' ? purpose ? <EntriesPanel list={list} canCheck={enter} canRemove={enter} /> : <StatedPurposePanel purpose={purpose} onChange={setPurpose} /> : null}
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

      {approve ? (
        <section className="panel hotlists-wide" aria-labelledby="approvals-heading">
          <h2 id="approvals-heading">Approvals</h2>
          <p className="hint">Entries take effect once approved by a supervisor other than the one who entered them (R7). Entries are hot-list details, so the queue shows under a stated purpose.</p>
          {purpose ? <ApprovalsQueue /> : <StatedPurposePanel purpose={purpose} onChange={setPurpose} />}
        </section>
      ) : null}
      {enter ? (
        <section className="panel" aria-labelledby="entry-heading">
          <h2 id="entry-heading">Agency entry</h2>
          <EntryForm lists={lists.filter((list) => list.kind === 'agency')} onEntered={reload} />
        </section>
      ) : null}
    </>
  );
}
