// Agency devices (R19): the browsers allowed to sign in. Registering one gives a one-time enrollment
// code, typed on the device under "Enroll this device"; revoking one ends its sessions.
import { useState } from 'react';
import { api, type Device, type IssuedEnrollment } from '../api/client.js';
import { DEVICE_KIND_LABELS } from '../access/labels.js';
import { Badge, type BadgeTone } from '../ui/Badge.js';
import { ConfirmButton } from '../ui/ConfirmButton.js';
import { formError } from '../ui/errors.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { TableScroll } from '../ui/TableScroll.js';
import { RelativeTime } from '../ui/Time.js';
import { isoOf } from '../ui/time.js';
import { useResource } from '../ui/useResource.js';
import { EnrollmentCodePanel } from './EnrollmentCodePanel.js';
import { RegisterDeviceForm } from './RegisterDeviceForm.js';

const STATUS: Record<Device['status'], { label: string; tone: BadgeTone }> = {
  awaiting_enrollment: { label: 'Awaiting enrollment', tone: 'warn' },
  enrolled: { label: 'Enrolled', tone: 'good' },
  revoked: { label: 'Revoked', tone: 'muted' },
};
const kindLabel = (kind: string) => (DEVICE_KIND_LABELS as Record<string, string>)[kind] ?? kind;
const focusHeading = () => requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());

export function DevicesPage() {
  const devices = useResource(api.devices);
  const [registering, setRegistering] = useState(false);
  const [issued, setIssued] = useState<IssuedEnrollment>();
  const [error, setError] = useState<unknown>();
  const now = Date.now();

  async function act(action: () => Promise<IssuedEnrollment | Device>) {
    setError(undefined);
    try {
      const result = await action();
      if ('enrollmentCode' in result) setIssued(result);
      await devices.reload();
    } catch (caught) {
      setError(caught);
    }
  }

  const list = [...(devices.data ?? [])].sort((a, b) => Number(a.status === 'revoked') - Number(b.status === 'revoked') || a.name.localeCompare(b.name));
  return (
    <>
      <PageHeading title="Devices">
        {!registering && !issued ? (
          <button type="button" onClick={() => setRegistering(true)}>
            Register device
          </button>
        ) : null}
      </PageHeading>
      <p className="lead">Platekeeper is used only from agency-issued computers, phones and tablets (R19). Register each one, then enter its one-time code on the device itself.</p>
      {registering ? (
        <RegisterDeviceForm
          onRegistered={(result) => {
            setRegistering(false);
            setIssued(result);
            void devices.reload();
          }}
          onCancel={() => {
            setRegistering(false);
            focusHeading();
          }}
        />
      ) : null}
      {issued ? (
        <EnrollmentCodePanel
          issued={issued}
          onDone={() => {
            setIssued(undefined);
            focusHeading();
          }}
        />
      ) : null}
      <FormAlert message={formError(error ?? devices.error, [])} />
      {devices.data === undefined ? (
        devices.loading ? (
          <p role="status">Loading devices…</p>
        ) : null
      ) : (
        <TableScroll label="Agency devices">
          <table className="table">
            <caption>{list.length} devices</caption>
            <thead>
              <tr>
                <th scope="col">Device</th>
                <th scope="col">Kind</th>
                <th scope="col">Asset tag / serial</th>
                <th scope="col">Status</th>
                <th scope="col">Approved</th>
                <th scope="col">Last sign-in</th>
                <th scope="col">Manage</th>
              </tr>
            </thead>
            <tbody>
              {list.map((device) => (
                <tr key={device.id} className={device.status === 'revoked' ? 'row-disabled' : undefined}>
                  <th scope="row">
                    {device.name}
                    {device.notes ? <div className="muted small">{device.notes}</div> : null}
                  </th>
                  <td>{kindLabel(device.kind)}</td>
                  <td className="mono">{device.identifier}</td>
                  <td>
                    <Badge tone={STATUS[device.status].tone}>{STATUS[device.status].label}</Badge>
                    {device.status === 'awaiting_enrollment' && device.enrollmentExpiresAt !== null ? (
                      <div className="muted small">
                        {device.enrollmentExpiresAt < now ? (
                          'code expired'
                        ) : (
                          <>
                            code expires <RelativeTime iso={isoOf(device.enrollmentExpiresAt)} now={now} />
                          </>
                        )}
                      </div>
                    ) : null}
                    {device.revokedAt !== null ? (
                      <div className="muted small">
                        <RelativeTime iso={isoOf(device.revokedAt)} now={now} />
                        {device.revokedBy ? ` by ${device.revokedBy}` : ''}
                      </div>
                    ) : null}
                  </td>
                  <td className="nowrap">
                    <RelativeTime iso={isoOf(device.approvedAt)} now={now} />
                    <div className="muted small">{device.approvedBy ? `by ${device.approvedBy}` : 'at first start'}</div>
                  </td>
                  <td className="nowrap">{device.lastSeenAt !== null ? <RelativeTime iso={isoOf(device.lastSeenAt)} now={now} /> : <span className="muted">never</span>}</td>
                  <td className="cell-actions">
                    {device.status === 'revoked' ? null : (
                      <>
                        <button type="button" className="button-quiet" onClick={() => void act(() => api.reissueDeviceCode(device.id))}>
                          New code<span className="visually-hidden"> for {device.name}</span>
                        </button>{' '}
                        <ConfirmButton label="Revoke" confirmLabel={`Revoke ${device.name}`} onConfirm={() => act(() => api.revokeDevice(device.id))} />
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
