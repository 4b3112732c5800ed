// The data sources a user may see (R20): this agency's, the state's (CA DOJ), the federal (NCIC/NLETS).
import { useState, type FormEvent } from 'react';
import { api, type DataSource } from '../api/client.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { useResource } from '../ui/useResource.js';

export function DataSourcesForm({ userId, editable }: { userId: string; editable: boolean }) {
  const view = useResource(() => api.dataSources(userId));
  const [chosen, setChosen] = useState<DataSource[]>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  const current = chosen ?? view.data?.sources ?? [];

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    setSaved(false);
    try {
      await api.setDataSources(userId, current);
      setChosen(undefined);
      await view.reload();
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  }

  const legendId = `sources-${userId}`;
  return (
    <section aria-labelledby={legendId}>
      <h3 id={legendId}>Data sources</h3>
      <FormAlert message={formError(error ?? view.error, [])} />
      {view.data ? (
        <form onSubmit={(event) => void submit(event)}>
          <fieldset className="field" aria-labelledby={legendId}>
            <p className="hint">Which hot lists and reads this user may see (R20). With none, the purpose gate refuses every search.</p>
            {view.data.available.map((source) => (
              <label key={source.id} className="choice">
                <input
                  type="checkbox"
                  name="sources"
                  value={source.id}
                  disabled={!editable}
                  checked={current.includes(source.id)}
                  onChange={(event) => {
                    setSaved(false);
                    setChosen(event.target.checked ? [...current, source.id] : current.filter((held) => held !== source.id));
                  }}
                />{' '}
                {source.label}
              </label>
            ))}
          </fieldset>
          {editable ? (
            <div className="actions">
              <button type="submit" className="button-quiet" disabled={chosen === undefined}>
                Save data sources
              </button>
              <span className="copy-status" role="status">
                {saved ? 'Saved.' : ''}
              </span>
            </div>
          ) : null}
        </form>
      ) : (
        <p role="status">Loading…</p>
      )}
    </section>
  );
}
