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
import { ADAPTER_LABELS, compass, formatLocation, KIND_LABELS, PLACEMENT_LABELS, realCamerasFirst, STATUS_LABELS } from './labels.js';
import { PayloadTest } from './PayloadTest.js';
import { RegisterCameraForm } from './RegisterCameraForm.js';
import { SetupInstructions } from './SetupInstructions.js';

/** The detail a camera's row can open, one at a time. */
type Detail = 'keys' | 'connect' | 'test';
const DETAILS: { detail: Detail; label: string }[] = [
  { detail: 'keys', label: 'Keys' },
  { detail: 'connect', label: 'Connect' },
  { detail: 'test', label: 'Test' },
];

const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

export function CamerasPage() {
  const can = useCan();
  const manage = can('cameras.manage');
  const cameras = useResource(api.cameras);
  const [registering, setRegistering] = useState(false);
  const [registered, setRegistered] = useState<RegisteredCamera>();
  const [open, setOpen] = useState<{ cameraId: string; detail: Detail }>();
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
        <div className="registered">
          <IssuedKeyPanel
            camera={registered.camera}
            issued={registered.key}
            onDone={() => {
              setRegistered(undefined);
              focusHeading();
            }}
          />
          <div className="panel">
            <SetupInstructions camera={registered.camera} />
          </div>
        </div>
      ) : null}

      <FormAlert message={formError(actionError, []) ?? formError(cameras.error, [])} />
      {cameras.data === undefined ? (
        cameras.loading ? (
          <p role="status">Loading cameras…</p>
        ) : null
      ) : (
        <TableScroll label="Registered cameras">
          <table className="table cameras">
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
                const detail = open?.cameraId === camera.id ? open.detail : undefined;
                return (
                  <Fragment key={camera.id}>
                    <tr className={camera.status === 'disabled' ? 'row-disabled' : undefined}>
                      <th scope="row">
                        {camera.name} {camera.origin === 'demo' ? <Badge tone="demo">Demo</Badge> : null}
                        <div className="muted">Agency {camera.agencyId}</div>
                      </th>
                      <td>
                        {KIND_LABELS[camera.kind]}
                        <div className="muted">{ADAPTER_LABELS[camera.adapter]}</div>
                        {camera.snapshot ? <div className="muted mono">every {camera.snapshot.intervalSeconds} s: {camera.snapshot.url}</div> : null}
                      </td>
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
                          {DETAILS.map((item) => (
                            <Fragment key={item.detail}>
                              <button
                                type="button"
                                className="button-quiet"
                                aria-expanded={detail === item.detail}
                                aria-controls={`detail-${camera.id}`}
                                onClick={() => setOpen(detail === item.detail ? undefined : { cameraId: camera.id, detail: item.detail })}
                              >
                                {item.label}
                                <span className="visually-hidden">{item.detail === 'keys' ? ` of ${camera.name}` : ` ${camera.name}`}</span>
                              </button>{' '}
                            </Fragment>
                          ))}
                          <button type="button" className="button-quiet" onClick={() => void setStatus(camera, camera.status === 'active' ? 'disabled' : 'active')}>
                            {camera.status === 'active' ? 'Disable' : 'Enable'}
                            <span className="visually-hidden"> {camera.name}</span>
                          </button>
                        </td>
                      ) : null}
                    </tr>
                    {detail ? (
                      <tr id={`detail-${camera.id}`} className="row-detail">
                        <td colSpan={columns}>
                          {detail === 'keys' ? <CameraKeys camera={camera} /> : detail === 'connect' ? <SetupInstructions camera={camera} /> : <PayloadTest camera={camera} />}
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
