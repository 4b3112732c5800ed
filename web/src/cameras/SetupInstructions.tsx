// What to configure on the device for the camera's adapter (GET /cameras/:id/setup): the URL, the
// header that carries the key, MQTT topics, a request body, and the steps. The key is never shown
// again: the server keeps only its hash.
import { api, type Camera } from '../api/client.js';
import { CopyButton } from '../ui/CopyButton.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { useResource } from '../ui/useResource.js';
import { ADAPTER_LABELS } from './labels.js';

/** The server's header values hold a placeholder where the key goes; the key itself is not shown again. */
const KEY_PLACEHOLDER = /<this camera.*>/;

export function SetupInstructions({ camera }: { camera: Pick<Camera, 'id' | 'name' | 'adapter'> }) {
  const setup = useResource(() => api.cameraSetup(camera.id));
  const headingId = `setup-${camera.id}-heading`;
  const data = setup.data;
  const headers = Object.entries(data?.headers ?? {});
  return (
    <section className="setup" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Connect {camera.name}: {ADAPTER_LABELS[data?.adapter ?? camera.adapter]}
      </h3>
      <FormAlert message={formError(setup.error, [])} />
      {data === undefined ? (
        setup.loading ? (
          <p role="status">Loading setup…</p>
        ) : null
      ) : (
        <>
          <dl className="facts">
            {data.url ? (
              <>
                <dt>{data.adapter === 'frigate' ? 'MQTT broker' : 'URL to configure'}</dt>
                <dd>
                  <code className="uri">{data.url}</code> <CopyButton className="button-quiet" text={data.url} label="Copy URL" />
                </dd>
              </>
            ) : null}
            {headers.map(([name, value]) => (
              <Header key={name} name={name} value={value} />
            ))}
            {data.topics.length ? (
              <>
                <dt>MQTT topics</dt>
                <dd>
                  {data.topics.map((topic) => (
                    <div key={topic}>
                      <code className="uri">{topic}</code> <CopyButton className="button-quiet" text={topic} label={`Copy topic ${topic}`} />
                    </div>
                  ))}
                </dd>
              </>
            ) : null}
          </dl>
          {data.body ? (
            <>
              <h4 id={`${headingId}-body`}>Request body</h4>
              <pre className="code" aria-labelledby={`${headingId}-body`} tabIndex={0}>
                {data.body}
              </pre>
              <CopyButton className="button-quiet" text={data.body} label="Copy body" />
            </>
          ) : null}
          <ol className="steps">
            {data.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Header({ name, value }: { name: string; value: string }) {
  const carriesKey = KEY_PLACEHOLDER.test(value);
  return (
    <>
      <dt>Header</dt>
      <dd>
        <code className="uri">{name}</code> <CopyButton className="button-quiet" text={name} label={`Copy header name ${name}`} />
        <div className="hint">
          {carriesKey ? (
            <>
              Value: <code>{value.replace(KEY_PLACEHOLDER, '<key>')}</code>. Use the key shown when the camera was registered, or issue a new one under Keys.
            </>
          ) : (
            <>
              Value: <code>{value}</code>
            </>
          )}
        </div>
      </dd>
    </>
  );
}
