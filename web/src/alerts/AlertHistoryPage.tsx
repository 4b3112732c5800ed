// Alert history with dispositions, for supervisors and auditors. Hits are ALPR data, so the page
// asks for a stated purpose first (R21) and every page of history is written to the access log.
import { useState } from 'react';
import { api, type AlertDisposition, type AlertHistoryFilter, type AlertView } from '../api/client.js';
import { StatedPurposePanel, useStatedPurpose } from '../search/StatedPurposePanel.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { absoluteTime } from '../ui/time.js';
import { AlertDetail } from './AlertDetail.js';
import { DISPOSITION_LABELS, humanize, KIND_LABELS } from './labels.js';
import './alerts.css';

export function AlertHistoryPage() {
  const [purpose, setPurpose] = useStatedPurpose();
  const [filter, setFilter] = useState<AlertHistoryFilter>({});
  const [rows, setRows] = useState<AlertView[]>();
  const [open, setOpen] = useState<number>();
  const [error, setError] = useState<unknown>();
  const load = async (next: AlertHistoryFilter) => {
    setError(undefined);
    try {
      setRows(await api.alertHistory({ ...next, limit: 100 }));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <PageHeading title="Alert history" />
      <StatedPurposePanel purpose={purpose} onChange={setPurpose} />
      {purpose ? (
        <>
          <form
            className="filters"
            onSubmit={(event) => {
              event.preventDefault();
              void load(filter);
            }}
          >
            <label>
              Status
              <select value={filter.status ?? ''} onChange={(event) => setFilter({ ...filter, status: (event.target.value || undefined) as AlertHistoryFilter['status'] })}>
                <option value="">Any</option>
                <option value="open">Open</option>
                <option value="closed">Closed</option>
              </select>
            </label>
            <label>
              Disposition
              <select value={filter.disposition ?? ''} onChange={(event) => setFilter({ ...filter, disposition: (event.target.value || undefined) as AlertDisposition | undefined })}>
                <option value="">Any</option>
                {(Object.keys(DISPOSITION_LABELS) as AlertDisposition[]).map((key) => (
                  <option key={key} value={key}>
                    {DISPOSITION_LABELS[key]}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="button-primary">
              Show alerts
            </button>
          </form>
          <FormAlert message={formError(error, [])} />
          {rows ? (
            <TableScroll label="Alerts">
              <table className="table alert-history">
                <thead>
                  <tr>
                    <th scope="col">Alert</th>
                    <th scope="col">Read</th>
                    <th scope="col">Plate</th>
                    <th scope="col">List</th>
                    <th scope="col">Match</th>
                    <th scope="col">Camera</th>
                    <th scope="col">Disposition</th>
                    <th scope="col">Steps</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((alert) => (
                    <tr key={alert.seq}>
                      <th scope="row">
                        <button type="button" className="button-quiet" onClick={() => setOpen(open === alert.seq ? undefined : alert.seq)}>
                          {alert.seq}
                        </button>
                      </th>
                      <td>{absoluteTime(alert.read.capturedAt)}</td>
                      <td className="mono">{alert.read.plate}</td>
                      <td>
                        {alert.list.name} ({humanize(alert.hit.category)})
                      </td>
                      <td>{KIND_LABELS[alert.hit.kind]}</td>
                      <td>{alert.read.cameraName}</td>
                      <td>{alert.workflow.disposition ? <Badge tone={alert.workflow.disposition === 'misread' ? 'warn' : 'good'}>{DISPOSITION_LABELS[alert.workflow.disposition]}</Badge> : <Badge tone="bad">open</Badge>}</td>
                      <td>{alert.workflow.steps.map((s) => `${humanize(s.step)} (${s.username})`).join(' → ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          {open !== undefined && rows?.find((a) => a.seq === open) ? <AlertDetail alert={rows.find((a) => a.seq === open)!} /> : null}
        </>
      ) : null}
    </>
  );
}
