// One read with both its images (plate and vehicle), fetched through the purpose gate (?purpose=).
import type { ReadView } from '../api/client.js';
import { withPurpose } from '../api/http.js';

/** An image URL from a read (`/api/v1/images/…`) with the stated purpose attached, for <img src>. */
export const imageSrc = (url: string): string => withPurpose(url.replace(/^\/api\/v1/, ''));

export function ReadDetail({ read, onClose }: { read: ReadView; onClose: () => void }) {
  const vehicle = [read.vehicle.color, read.vehicle.make, read.vehicle.model, read.vehicle.body].filter(Boolean).join(' ') || 'not recorded';
  return (
    <section className="panel read-detail" aria-label={`Read of ${read.plate}`}>
      <div className="page-heading">
        <h2>
          Read of <span className="mono">{read.plate}</span>
        </h2>
        <button type="button" className="button-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="read-images">
        {read.plateImageUrl ? <img src={imageSrc(read.plateImageUrl)} alt={`Plate image of ${read.plate}`} /> : <p className="muted">No plate image.</p>}
        {read.vehicleImageUrl ? <img src={imageSrc(read.vehicleImageUrl)} alt={`Vehicle image of ${read.plate}`} /> : <p className="muted">No vehicle image.</p>}
      </div>
      <dl className="summary">
        <dt>Plate as read</dt>
        <dd className="mono">
          {read.plateRaw} {read.region ? `(${read.region})` : ''}
        </dd>
        <dt>Captured</dt>
        <dd>
          <time dateTime={read.capturedAt}>{new Date(read.capturedAt).toLocaleString()}</time>
        </dd>
        <dt>Camera</dt>
        <dd>{read.cameraName}</dd>
        <dt>Location</dt>
        <dd>{read.lat !== null && read.lon !== null ? `${read.lat.toFixed(5)}, ${read.lon.toFixed(5)}` : 'not recorded'}</dd>
        <dt>Vehicle</dt>
        <dd>{vehicle}</dd>
        <dt>Confidence</dt>
        <dd>
          {read.confidence === null ? '—' : `${Math.round(read.confidence * 100)}%`}
          {read.needsVerification ? <span className="badge badge-warn">below the profile's threshold: check every character on the image</span> : null}
        </dd>
      </dl>
      <p className="hint">A read is a lead, not proof: confirm the plate on the image before acting (R10).</p>
    </section>
  );
}
