// A device's enrollment code, shown this once.
import { useEffect, useRef } from 'react';
import type { IssuedEnrollment } from '../api/client.js';
import { CopyButton } from '../ui/CopyButton.js';
import { absoluteTime } from '../ui/time.js';

export function EnrollmentCodePanel({ issued, onDone }: { issued: IssuedEnrollment; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="issued-key" aria-labelledby="enrollment-code-heading">
      <h2 id="enrollment-code-heading" ref={heading} tabIndex={-1}>
        Enrollment code for {issued.device.name}
      </h2>
      <p className="warning">
        <strong>This code is shown only now.</strong> On the device, open Platekeeper, choose “Enroll this device” and enter it. It works once, until{' '}
        {absoluteTime(new Date(issued.enrollmentExpiresAt).toISOString())}; if it is lost, issue a new code.
      </p>
      <div className="key-row">
        <output className="enrollment-code mono" aria-label="Enrollment code">
          {issued.enrollmentCode}
        </output>
        <CopyButton text={issued.enrollmentCode} label="Copy code" />
      </div>
      <div className="actions">
        <button type="button" className="button-quiet" onClick={onDone}>
          I have given the code to the device
        </button>
      </div>
    </section>
  );
}
