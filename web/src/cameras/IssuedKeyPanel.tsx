// An ingest key, shown this once, with a copy button and a ready-to-paste request.
import { useEffect, useRef, useState } from 'react';
import type { Camera, IngestBatch, IssuedKey } from '../api/client.js';
import { CopyButton } from '../ui/CopyButton.js';

/** A version-4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function curlExample(origin: string, camera: Camera, key: string): string {
  const batch: IngestBatch = {
    reads: [
      {
        id: uuid(),
        capturedAt: new Date().toISOString(),
        plate: '7ABC123',
        region: 'CA',
        confidence: 0.93,
        // Fixed cameras place reads at their registered location; mobile units send where they were.
        ...(camera.kind === 'mobile' ? { location: camera.location ?? { lat: 38.5816, lon: -121.4944 } } : {}),
      },
    ],
  };
  return [
    `curl -X POST ${origin}/api/v1/ingest/reads \\`,
    `  -H 'Authorization: Bearer ${key}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '${JSON.stringify(batch, null, 2)}'`,
  ].join('\n');
}

export function IssuedKeyPanel({ camera, issued, onDone }: { camera: Camera; issued: IssuedKey; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [example] = useState(() => curlExample(window.location.origin, camera, issued.key));
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="issued-key" aria-labelledby="issued-key-heading">
      <h2 id="issued-key-heading" ref={heading} tabIndex={-1}>
        Ingest key for {camera.name}
      </h2>
      <p className="warning">
        <strong>This key is shown only now.</strong> Copy it and configure it on the camera. Platekeeper keeps only a hash of it; if it is lost, issue a new key and revoke this
        one.
      </p>
      <label htmlFor="issued-key">Key</label>
      <div className="key-row">
        <input id="issued-key" className="mono" readOnly value={issued.key} onFocus={(event) => event.currentTarget.select()} />
        <CopyButton text={issued.key} label="Copy key" />
      </div>
      <h3 id="curl-example-heading">Send a test read</h3>
      <p className="hint">Paste this into a terminal. Sending it again answers “duplicate”: the read’s id makes retries safe.</p>
      <pre className="code" aria-labelledby="curl-example-heading" tabIndex={0}>
        {example}
      </pre>
      <div className="actions">
        <CopyButton text={example} label="Copy command" />
        <button type="button" className="button-quiet" onClick={onDone}>
          I have saved the key
        </button>
      </div>
    </section>
  );
}
