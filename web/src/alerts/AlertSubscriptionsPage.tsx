// Which alerts reach you live: every list and camera you may see (the default), or the lists and
// cameras (areas) you choose. Data sources you are not authorized for never reach you (R20).
import { useEffect, useState } from 'react';
import { api, type AlertSubscription } from '../api/client.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { useResource } from '../ui/useResource.js';

function Choices({ legend, all, choices, chosen, onChange }: { legend: string; all: string; choices: { id: string; name: string }[]; chosen: string[] | null; onChange: (next: string[] | null) => void }) {
  return (
    <fieldset className="panel">
      <legend>{legend}</legend>
      <label>
        <input type="checkbox" checked={chosen === null} onChange={(event) => onChange(event.target.checked ? null : [])} /> {all}
      </label>
      {chosen !== null ? (
        choices.length === 0 ? (
          <p className="hint">Nothing to choose from yet.</p>
        ) : (
          choices.map((choice) => (
            <label key={choice.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(choice.id)}
                onChange={(event) => onChange(event.target.checked ? [...chosen, choice.id] : chosen.filter((id) => id !== choice.id))}
              />{' '}
              {choice.name}
            </label>
          ))
        )
      ) : null}
    </fieldset>
  );
}

export function AlertSubscriptionsPage() {
  const view = useResource(api.alertSubscriptions);
  const [draft, setDraft] = useState<AlertSubscription>();
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (view.data && !draft) setDraft(view.data.subscription);
  }, [view.data, draft]);
  if (!view.data || !draft) return <p role="status">Loading…</p>;
  const save = async () => {
    setError(undefined);
    setSaved(false);
    try {
      setDraft((await api.setAlertSubscriptions(draft)).subscription);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <>
      <PageHeading title="Alert subscriptions" />
      <p className="lead">Live alerts reach you for the lists and cameras chosen here, and only from the data sources you are authorized to see (R20).</p>
      <FormAlert message={formError(error, [])} />
      <Choices legend="Hot lists" all="Every list I may see" choices={view.data.choices.lists} chosen={draft.lists} onChange={(lists) => setDraft({ ...draft, lists })} />
      <Choices legend="Cameras (areas)" all="Every camera" choices={view.data.choices.cameras} chosen={draft.cameras} onChange={(cameras) => setDraft({ ...draft, cameras })} />
      <button type="button" className="button-primary" onClick={() => void save()}>
        Save subscriptions
      </button>
      {saved ? <p role="status">Saved. Live alerts follow these choices from now on.</p> : null}
    </>
  );
}
