// The access log for auditors (R25, R27): every access and change, newest first, filtered, loaded a
// page at a time, exported as CSV with the same filters, and its hash chain verified on demand.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, accessLogCsvUrl, type AccessLogEntry, type AccessLogFilter } from '../api/client.js';
import { useCan } from '../app/session.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { AccessLogFilters } from './AccessLogFilters.js';
import { AccessLogTable } from './AccessLogTable.js';
import { VerifyChain } from './VerifyChain.js';

export function AccessLogPage() {
  const can = useCan();
  const [filter, setFilter] = useState<AccessLogFilter>({});
  const [entries, setEntries] = useState<AccessLogEntry[]>();
  const [cursor, setCursor] = useState<number | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const request = useRef(0);

  const load = useCallback(async (wanted: AccessLogFilter, before?: number) => {
    const id = ++request.current;
    setLoading(true);
    setError(undefined);
    try {
      const page = await api.accessLog(wanted, before);
      if (id !== request.current) return;
      setEntries((current) => (before === undefined ? page.entries : [...(current ?? []), ...page.entries]));
      setCursor(page.nextCursor);
    } catch (caught) {
      if (id === request.current) setError(caught);
    } finally {
      if (id === request.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(filter);
  }, [filter, load]);

  return (
    <>
      <PageHeading title="Access log">
        <div className="actions">
          {can('audit.export') ? (
            <a className="button-link-styled" href={accessLogCsvUrl(filter)} download>
              Export CSV
            </a>
          ) : null}
        </div>
      </PageHeading>
      <p className="lead">
        Every search, view, export, sign-in and administrative change, newest first (R25). Each entry is chained to the one before it by a hash, so an edit or a deletion shows when
        the chain is verified. Looking at the log is logged too.
      </p>
      <VerifyChain />
      <AccessLogFilters onApply={setFilter} error={error} />
      <FormAlert message={formError(error, ['from', 'to', 'username', 'action', 'category', 'caseNumber', 'plate'])} />
      {entries === undefined ? (
        loading ? (
          <p role="status">Loading the log…</p>
        ) : null
      ) : (
        <>
          <AccessLogTable entries={entries} />
          <div className="actions load-more">
            {cursor !== null ? (
              <button type="button" className="button-quiet" disabled={loading} onClick={() => void load(filter, cursor)}>
                {loading ? 'Loading…' : 'Load more'}
              </button>
            ) : (
              <span className="muted">{entries.length ? 'End of the log for these filters.' : ''}</span>
            )}
          </div>
        </>
      )}
    </>
  );
}
