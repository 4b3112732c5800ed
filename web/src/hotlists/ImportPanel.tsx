// Import a CSV file into a general list (R6): the column mapping, the stated row count, then the
// import's progress polled until it ends, with what was dropped (R37) and skipped.
import { useEffect, useState } from 'react';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { hotlistsApi, type ColumnMapping, type HotList, type HotListImport } from './hotlists.api.js';
import { MAPPING_FIELDS } from './labels.js';

export function ImportResult({ result }: { result: HotListImport }) {
  const percent = result.bytesTotal ? Math.min(100, Math.round((result.bytesRead / result.bytesTotal) * 100)) : undefined;
  return (
    <div className={result.status === 'failed' ? 'form-alert' : 'panel'} role="status" aria-live="polite">
      {result.status === 'running' ? (
        <>
          <p>
            Importing… {result.rowsRead.toLocaleString()} records read{percent !== undefined ? ` (${percent}%)` : ''}.
          </p>
          {percent !== undefined ? <progress max={100} value={percent} aria-label="Import progress" /> : <progress aria-label="Import progress" />}
        </>
      ) : result.status === 'succeeded' ? (
        <p>
          <strong>Imported.</strong> {result.rowsImported.toLocaleString()} entries now make up the list ({result.rowsRead.toLocaleString()} records read).
        </p>
      ) : (
        <p>
          <strong>Import failed; nothing was changed.</strong> {result.error}
        </p>
      )}
      {result.rowsDroppedImmigration > 0 ? (
        <p>
          {result.rowsDroppedImmigration.toLocaleString()} immigration {result.rowsDroppedImmigration === 1 ? 'record' : 'records'} dropped: California bars using ALPR for federal immigration enforcement (R37).
        </p>
      ) : null}
      {result.status === 'succeeded' && result.rowsInvalid > 0 ? <p className="hint">{result.error}</p> : null}
    </div>
  );
}

export function ImportPanel({ list, onFinished }: { list: HotList; onFinished: () => void }) {
  const [file, setFile] = useState<File>();
  const [expectedRows, setExpectedRows] = useState('');
  const [mapping, setMapping] = useState<Record<string, string>>(() => ({ ...(list.feedMapping as Record<string, string>) }));
  const [current, setCurrent] = useState<HotListImport>();

  useEffect(() => {
    if (current?.status !== 'running') return;
    const timer = setTimeout(() => {
      void hotlistsApi.importStatus(current.id).then((next) => {
        setCurrent(next);
        if (next.status !== 'running') onFinished();
      });
    }, 500);
    return () => clearTimeout(timer);
  }, [current, onFinished]);

  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    if (!file) throw new Error('no file');
    const chosen = Object.fromEntries(Object.entries(mapping).filter(([, column]) => column.trim() !== '')) as ColumnMapping;
    const started = await hotlistsApi.importFile(list.id, file, { fileName: file.name, ...(expectedRows ? { expectedRows: Number(expectedRows) } : {}), mapping: chosen });
    setCurrent(started);
  });

  return (
    <div className="import-panel">
      <form ref={form} className="form" onSubmit={onSubmit} aria-label={`Import into ${list.name}`}>
        <p className="hint">
          The file replaces the whole list, and only if every record reads cleanly: a failed, truncated or short file changes nothing (R6). Columns not mapped are found by their usual names (LIC, LIS, VMA, MKE…).
        </p>
        <FormAlert message={formError(error, ['mapping', 'expectedRows'])} />
        <Field id={`import-file-${list.id}`} label="CSV file">
          {(control) => <input {...control} type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0])} required />}
        </Field>
        <Field id={`import-count-${list.id}`} label="Records in the file (optional)" hint="The count the sender states; any other count fails the import." error={errorFor(error, 'expectedRows')}>
          {(control) => <input {...control} type="number" min={0} value={expectedRows} onChange={(e) => setExpectedRows(e.target.value)} />}
        </Field>
        <fieldset>
          <legend>Column mapping</legend>
          <div className="mapping-grid">
            {MAPPING_FIELDS.map(({ field, label, hint }) => (
              <Field key={field} id={`map-${list.id}-${field}`} label={label} hint={hint} error={errorFor(error, `mapping.${field}`)}>
                {(control) => <input {...control} value={mapping[field] ?? ''} onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })} maxLength={80} />}
              </Field>
            ))}
          </div>
        </fieldset>
        <div className="form-actions">
          <button type="submit" disabled={busy || current?.status === 'running'}>
            {busy ? 'Uploading…' : 'Import file'}
          </button>
        </div>
      </form>
      {current ? <ImportResult result={current} /> : null}
    </div>
  );
}
