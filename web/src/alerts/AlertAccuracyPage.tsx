// Data accuracy (R28): per camera, alerts raised, visual checks recorded and misreads, and the
// misreads as a correction set (plate read vs. plate on the image) to download under a purpose.
import { api, misreadsCsvUrl } from '../api/client.js';
import { StatedPurposePanel, useStatedPurpose } from '../search/StatedPurposePanel.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { formatDate } from '../ui/time.js';
import { useResource } from '../ui/useResource.js';
import './alerts.css';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export function AlertAccuracyPage() {
  const report = useResource(() => api.alertAccuracy());
  const [purpose, setPurpose] = useStatedPurpose();
  return (
    <>
      <PageHeading title="Alert accuracy" />
      <p className="lead">Misreads found at visual verification, per camera, over the last 30 days (R28). A high rate points at a camera to re-aim, clean or retune.</p>
      <FormAlert message={report.error ? formError(report.error, []) : undefined} />
      {report.data ? (
        <>
          <p className="hint">
            {formatDate(report.data.from)} – {formatDate(report.data.to)}
          </p>
          <TableScroll label="Accuracy by camera">
            <table className="table accuracy">
              <thead>
                <tr>
                  <th scope="col">Camera</th>
                  <th scope="col" className="num">Alerts</th>
                  <th scope="col" className="num">Verified</th>
                  <th scope="col" className="num">Misreads</th>
                  <th scope="col" className="num">Misread rate</th>
                </tr>
              </thead>
              <tbody>
                {report.data.cameras.map((row) => (
                  <tr key={row.cameraId}>
                    <th scope="row">{row.cameraName}</th>
                    <td className="num">{row.alerts}</td>
                    <td className="num">{row.verified}</td>
                    <td className="num">{row.misreads}</td>
                    <td className={`num${(row.misreadRate ?? 0) > 0.2 ? ' accuracy-rate-high' : ''}`}>{row.misreadRate === null ? '—' : percent.format(row.misreadRate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      ) : null}
      <h2>Correction set</h2>
      <StatedPurposePanel purpose={purpose} onChange={setPurpose} />
      {purpose ? (
        <p>
          <a className="button" href={misreadsCsvUrl()} download>
            Download misreads (CSV)
          </a>
        </p>
      ) : null}
    </>
  );
}
