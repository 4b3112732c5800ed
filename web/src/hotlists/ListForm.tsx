// A new hot list (administrators): source, priority, retention and, for general lists, the feed the
// scheduled download reads (R5, R6, R13). New lists are used only once designated.
import { useState } from 'react';
import { errorFor, formError } from '../ui/errors.js';
import { Field, FormAlert } from '../ui/Field.js';
import { useFormSubmit } from '../ui/useFormSubmit.js';
import { hotlistsApi, type HotListInput, type HotListSourceInfo } from './hotlists.api.js';
import { DATA_SOURCE_LABELS } from './labels.js';

const FIELDS = ['name', 'source', 'priority', 'retentionDays', 'refreshIntervalHours', 'feedLocation'];

export function ListForm({ sources, onDone, onCancel }: { sources: readonly HotListSourceInfo[]; onDone: () => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const [source, setSource] = useState(sources[0]?.source ?? 'agency');
  const [priority, setPriority] = useState('1');
  const [retentionDays, setRetentionDays] = useState('');
  const [refreshIntervalHours, setRefresh] = useState('');
  const [feedLocation, setFeed] = useState('');
  const general = source !== 'agency';
  const { form, error, busy, onSubmit } = useFormSubmit(async () => {
    const input: HotListInput = {
      name: name.trim(),
      source: source as HotListInput['source'],
      priority: Number(priority),
      ...(retentionDays ? { retentionDays: Number(retentionDays) } : {}),
      ...(general && refreshIntervalHours ? { refreshIntervalHours: Number(refreshIntervalHours) } : {}),
      ...(general && feedLocation.trim() ? { feedLocation: feedLocation.trim() } : {}),
    };
    await hotlistsApi.create(input);
    onDone();
  });
  return (
    <form ref={form} className="panel form" onSubmit={onSubmit} aria-label="New hot list">
      <h2>New hot list</h2>
      <FormAlert message={formError(error, FIELDS)} />
      <Field id="hl-name" label="Name" error={errorFor(error, 'name')}>
        {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} />}
      </Field>
      <Field id="hl-source" label="Source" hint="General lists are imported and downloaded; agency lists hold entries officers make (R7)." error={errorFor(error, 'source')}>
        {(control) => (
          <select {...control} value={source} onChange={(e) => setSource(e.target.value)}>
            {sources.map((s) => (
              <option key={s.source} value={s.source}>
                {s.label} — {DATA_SOURCE_LABELS[s.dataSource] ?? s.dataSource} data
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="hl-priority" label="Priority" hint="0 is the most urgent: hits on it are shown first." error={errorFor(error, 'priority')}>
        {(control) => <input {...control} type="number" min={0} max={9} value={priority} onChange={(e) => setPriority(e.target.value)} required />}
      </Field>
      <Field id="hl-retention" label="Retention (days)" hint="Leave empty for the policy's hot-list retention (R13)." error={errorFor(error, 'retentionDays')}>
        {(control) => <input {...control} type="number" min={1} value={retentionDays} onChange={(e) => setRetentionDays(e.target.value)} />}
      </Field>
      {general ? (
        <>
          <Field id="hl-refresh" label="Download every (hours)" hint="Leave empty for the policy's interval (at least daily, R6). The list shows as stale past it." error={errorFor(error, 'refreshIntervalHours')}>
            {(control) => <input {...control} type="number" min={1} max={24} value={refreshIntervalHours} onChange={(e) => setRefresh(e.target.value)} />}
          </Field>
          <Field id="hl-feed" label="Feed" hint="An https URL, or a file name in the server's hot-list feed folder. Leave empty to import by upload only." error={errorFor(error, 'feedLocation')}>
            {(control) => <input {...control} value={feedLocation} onChange={(e) => setFeed(e.target.value)} maxLength={500} />}
          </Field>
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create list'}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
