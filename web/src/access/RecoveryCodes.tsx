// The ten recovery codes, shown this once (R19): each signs in once when the phone is lost.
import { useEffect, useRef, useState } from 'react';
import { CopyButton } from '../ui/CopyButton.js';
import { downloadText } from '../ui/download.js';
import { PageHeading } from '../ui/PageHeading.js';
import { AuthFrame } from './AuthFrame.js';

export function recoveryCodesText(username: string, codes: readonly string[], at = new Date()): string {
  return [
    `Platekeeper recovery codes for ${username}`,
    `Issued ${at.toISOString()}. Each code signs in once, in place of a code from your authenticator app.`,
    'Keep them somewhere safe and private; anyone with your password and one of these can sign in as you.',
    '',
    ...codes,
    '',
  ].join('\n');
}

export function RecoveryCodes({ username, codes, onSaved }: { username: string; codes: readonly string[]; onSaved: () => void }) {
  const [saved, setSaved] = useState(false);
  const [text] = useState(() => recoveryCodesText(username, codes));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <AuthFrame wide>
      <PageHeading title="Save your recovery codes" />
      <section className="issued-key" aria-label="Recovery codes">
        <p className="warning">
          <strong>These codes are shown only now.</strong> Each one signs you in once if your phone is lost or broken. Save them where you keep other work credentials, not on the
          phone itself.
        </p>
        <ol className="recovery-codes mono">
          {codes.map((code) => (
            <li key={code}>{code}</li>
          ))}
        </ol>
        <div className="actions">
          <button type="button" onClick={() => downloadText(`platekeeper-recovery-codes-${username}.txt`, text)}>
            Download as text file
          </button>
          <CopyButton text={text} label="Copy codes" className="button-quiet" />
        </div>
        <label className="choice confirm-saved">
          <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} /> I have saved my recovery codes
        </label>
        <button type="button" disabled={!saved} onClick={onSaved}>
          Continue
        </button>
      </section>
    </AuthFrame>
  );
}
