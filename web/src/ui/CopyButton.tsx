import { useState } from 'react';
import { copyText } from './clipboard.js';

/** Copies text and says whether it worked. */
export function CopyButton({ text, label, className }: { text: string; label: string; className?: string }) {
  const [status, setStatus] = useState('');
  async function copy() {
    setStatus((await copyText(text)) ? 'Copied.' : 'This browser blocked copying; select the text and copy it by hand.');
  }
  return (
    <>
      <button type="button" className={className} onClick={() => void copy()}>
        {label}
      </button>
      <span className="copy-status" role="status">
        {status}
      </span>
    </>
  );
}
