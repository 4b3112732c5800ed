// Export buttons (R32): the whole result set as CSV, GeoJSON, KML or a PDF report. Each export is
// logged and registered with the case number and a destruction date, shown once it is saved.
import { useState } from 'react';
import type { ExportFormat } from '../api/client.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { downloadExport, type ExportReceipt } from './exportDownload.js';
import type { SearchRequestOf } from './SearchForm.js';

const FORMATS: readonly [ExportFormat, string][] = [
  ['csv', 'CSV'],
  ['geojson', 'GeoJSON'],
  ['kml', 'KML'],
  ['pdf', 'PDF report'],
];

export function ExportButtons({ request }: { request: SearchRequestOf }) {
  const [busy, setBusy] = useState<ExportFormat>();
  const [receipt, setReceipt] = useState<ExportReceipt>();
  const [error, setError] = useState<unknown>();
  const run = async (format: ExportFormat) => {
    setBusy(format);
    setError(undefined);
    try {
      setReceipt(await downloadExport(format, request.kind, request.body));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <div className="search-exports" role="group" aria-label="Export">
      <span>Export:</span>
      {FORMATS.map(([format, label]) => (
        <button key={format} type="button" className="button-quiet" disabled={busy !== undefined} onClick={() => void run(format)}>
          {busy === format ? 'Exporting…' : label}
        </button>
      ))}
      <FormAlert message={formError(error, [])} />
      {receipt ? (
        <p className="notice" role="status">
          Saved {receipt.filename}. Export {receipt.exportId.slice(0, 8)} is registered; destroy every copy by {new Date(receipt.destroyDueAt).toLocaleDateString()} (R32).
        </p>
      ) : null}
    </div>
  );
}
