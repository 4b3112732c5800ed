// The camera registry: every camera with its kind, placement and status; registration, keys and
// enabling for administrators (cameras.manage).
import { Fragment, useState } from 'react';
import { api, type Camera, type RegisteredCamera } from '../api/client.js';
import { useCan } from '../app/session.js';
import { Badge } from '../ui/Badge.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { useResource } from '../ui/useResource.js';
import { CameraKeys } from './CameraKeys.js';
import { IssuedKeyPanel } from './IssuedKeyPanel.js';
import { compass, formatLocation, KIND_LABELS, PLACEMENT_LABELS, realCamerasFirst, STATUS_LABELS } from './labels.js';
import { RegisterCameraForm } from './RegisterCameraForm.js';

const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

export function CamerasPage() {
  const can = useCan();
  const manage = can('cameras.manage');
  const cameras = useResource(api.cameras);
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<RegisteredCamera>();
  const [openKeys, setOpenKeys] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();

  async function setStatus(camera: Camera, status: Camera['status']) {
    setActionError(undefined);
    try {
      await api.updateCamera(camera.id, { status });
      await cameras.reload();
    } catch (caught) {
      setActionError(caught);
    }
  }

  function onRegistered(result: RegisteredCamera) {
    setRegistering(false);
    setRegistered(result);
    void cameras.reload();
  }

  const list = realCamerasFirst(cameras.data ?? []);
  const demoCount = list.filter((camera) => camera.origin === 'demo').length;
  const columns = manage ? 6 : 5;
  return (
    <>
      <PageHeading title="Cameras">
        {manage && !registering && !registered ? (
          <button type="button" onClick={() => setRegistering(true)}>
            Register camera
          </button>
        ) : null}
      </PageHeading>
      <p className="lead">
        Every camera is registered with its placement: it records only plates exposed to public view, or a court order covers it (R4). A camera sends reads with its own ingest key.
      </p>

      {registering ? (
        <RegisterCameraForm
          onRegistered={onRegistered}
          onCancel={() => {
            setRegistering(false);
            focusHeading();
          }}
        />
      ) : null}
      {registered ? (
        <IssuedKeyPanel
          camera={registered.camera}
          issued={registered.key}
          onDone={() => {
            setRegistered(undefined);
            focusHeading();
          }}
        />
      ) : null}

      <FormAlert message={formError(actionError, []) ?? formError(cameras.error, [])} />
      {cameras.data === undefined ? (
        cameras.loading ? (
          <p role="status">Loading cameras…</p>
        ) : null
      ) : (
        <TableScroll label="Registered cameras">
          <table className="table">
            <caption>
              {list.length} {list.length === 1 ? 'camera' : 'cameras'}
              {demoCount ? `, ${demoCount} from the demo network` : ''}
            </caption>
            <thead>
              <tr>
                <th scope="col">Camera</th>
                <th scope="col">Kind</th>
                <th scope="col">Placement</th>
                <th scope="col">Location</th>
                <th scope="col">Status</th>
                {manage ? <th scope="col">Manage</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((camera) => {
                const keysOpen = openKeys === camera.id;
                return (
                  <Fragment key={camera.id}>
                    <tr className={camera.status === 'disabled' ? 'row-disabled' : undefined}>
                      <th scope="row">
                        {camera.name} {camera.origin === 'demo' ? <Badge tone="demo">Demo</Badge> : null}
                      </th>
                      <td>{KIND_LABELS[camera.kind]}</td>
                      <td>
                        {PLACEMENT_LABELS[camera.placement]}
                        {camera.courtOrderRef ? <span className="muted"> ({camera.courtOrderRef})</span> : null}
                      </td>
                      <td className="mono nowrap">
                        {camera.kind === 'mobile' ? <span className="muted">moves</span> : formatLocation(camera.location)}
                        {camera.direction !== null ? ` · ${camera.direction}° ${compass(camera.direction)}` : ''}
                      </td>
                      <td>
                        <Badge tone={camera.status === 'active' ? 'good' : 'muted'}>{STATUS_LABELS[camera.status]}</Badge>
                      </td>
                      {manage ? (
                        <td className="cell-actions">
                          <button
                            type="button"
                            className="button-quiet"
                            aria-expanded={keysOpen}
                            aria-controls={`keys-${camera.id}`}
                            onClick={() => setOpenKeys(keysOpen ? undefined : camera.id)}
                          >
                            Keys
                            <span className="visually-hidden"> of {camera.name}</span>
                          </button>{' '}
                          <button type="button" className="button-quiet" onClick={() => void setStatus(camera, camera.status === 'active' ? 'disabled' : 'active')}>
                            {camera.status === 'active' ? 'Disable' : 'Enable'}
                            <span className="visually-hidden"> {camera.name}</span>
                          </button>
                        </td>
                      ) : null}
                    </tr>
                    {keysOpen ? (
                      <tr id={`keys-${camera.id}`} className="row-detail">
                        <td colSpan={columns}>
                          <CameraKeys camera={camera} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
