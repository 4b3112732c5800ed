// Copying text: the Clipboard API where the page is a secure context (https or localhost), and
// the older selection copy where it is not (an agency server on plain http inside its network).
export async function copyText(text: string): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the selection copy
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy'); // deprecated, but the only way without the Clipboard API
  } finally {
    area.remove();
  }
}
