// The web app's QR encoder (web/src/ui/qr.ts), written for the authenticator setup. The digests pin
// matrices that zbarimg decoded back to their text when the encoder was written; the structural
// checks say what every QR code must have wherever a change breaks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { qrMatrix, type QrMatrix } from '../../web/src/ui/qr.js';

const digest = (matrix: QrMatrix) =>
  createHash('sha256')
    .update(matrix.map((row) => row.map((dark) => (dark ? '1' : '0')).join('')).join('\n'))
    .digest('hex');

const URI =
  'otpauth://totp/Platekeeper%20Los%20Altos%20PD:jofficer?issuer=Platekeeper%20Los%20Altos%20PD&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30';

/** The 7×7 finder pattern: dark ring, light ring, dark 3×3 core. */
function hasFinderAt(matrix: QrMatrix, top: number, left: number): boolean {
  for (let y = 0; y < 7; y++) {
    for (let x = 0; x < 7; x++) {
      const ring = Math.max(Math.abs(x - 3), Math.abs(y - 3));
      if (matrix[top + y]?.[left + x] !== (ring !== 2)) return false;
    }
  }
  return true;
}

describe('QR encoder', () => {
  it('encodes as it did when its output was decoded and checked', () => {
    expect(digest(qrMatrix(URI))).toBe('508d52e29b08fa27c12efc6e10e8e249573250b16aed5a9f596cd6b672a7eb7c');
    expect(digest(qrMatrix('HELLO WORLD'))).toBe('2d21897bf5a7ac606d02da07bdd5e7f02a8b90097f12404b1f7d764f18ef618c');
    expect(digest(qrMatrix('x'.repeat(400)))).toBe('3ed4282a72f331b172e38681e01327892b9348ae87d214ff7c487caeccdf7d8b');
  });

  it('picks the smallest version that holds the text, at level M', () => {
    expect(qrMatrix('a').length).toBe(21); // version 1
    expect(qrMatrix('a'.repeat(14)).length).toBe(21); // version 1-M holds 14 bytes
    expect(qrMatrix('a'.repeat(15)).length).toBe(25);
    expect(qrMatrix(URI).length).toBe(53); // version 9
    expect(qrMatrix('a'.repeat(2331)).length).toBe(177); // version 40-M holds 2331 bytes
    expect(() => qrMatrix('a'.repeat(2332))).toThrow(/too long/);
  });

  it('draws the finder and timing patterns and the dark module', () => {
    for (const text of ['a', URI, 'é€ unicode', 'x'.repeat(400)]) {
      const matrix = qrMatrix(text);
      const size = matrix.length;
      expect(matrix.every((row) => row.length === size)).toBe(true);
      expect(hasFinderAt(matrix, 0, 0) && hasFinderAt(matrix, 0, size - 7) && hasFinderAt(matrix, size - 7, 0)).toBe(true);
      for (let i = 8; i < size - 8; i++) {
        expect(matrix[6]?.[i]).toBe(i % 2 === 0);
        expect(matrix[i]?.[6]).toBe(i % 2 === 0);
      }
      expect(matrix[size - 8]?.[8]).toBe(true);
    }
  });
});
