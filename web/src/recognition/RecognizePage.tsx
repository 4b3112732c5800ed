// "Recognize an image" (issue 11; R3, R10): upload a photo, see each plate's box on it and what the
// built-in recognizer read — the text, each character's confidence, other readings — and whether
// the reading is below the agency's confidence threshold and must be checked by eye. Nothing is
// stored; the image stays in this browser and the server's answer.
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { Badge } from '../ui/Badge.js';
import { FormAlert } from '../ui/Field.js';
import { PageHeading } from '../ui/PageHeading.js';
import { recognizeImage, type RecognizeResult } from './recognition.api.js';
import './recognition.css';

const percent = (value: number) => `${Math.round(value * 100)}%`;

export function RecognizePage() {
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<string>();
  const [result, setResult] = useState<RecognizeResult>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!file) return undefined;
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await recognizeImage(file));
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'Recognition failed; try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeading title="Recognize an image" />
      <p className="lead">
        Read the plates in a photo with Platekeeper’s own recognizer. Nothing is stored and nothing is searched. Readings below the agency’s confidence threshold are marked:
        check them against the image before acting on them.
      </p>
      <form className="panel" onSubmit={(event) => void onSubmit(event)} aria-labelledby="recognize-heading">
        <h2 id="recognize-heading">Image</h2>
        <FormAlert message={error} />
        <div className="field">
          <label htmlFor="recognize-file">JPEG or PNG photo</label>
          <input
            id="recognize-file"
            type="file"
            accept="image/jpeg,image/png"
            required
            onChange={(event) => {
              setFile(event.target.files?.[0]);
              setResult(undefined);
              setError(undefined);
            }}
          />
        </div>
        <div className="actions">
          <button type="submit" disabled={!file || busy}>
            {busy ? 'Reading…' : 'Read plates'}
          </button>
        </div>
      </form>
      {preview ? (
        <div className="recognize-result">
          <figure className="recognize-figure">
            <img src={preview} alt="The uploaded image" />
            {result?.plates.map((plate, index) => (
              <span
                key={index}
                className={plate.needsVerification ? 'plate-box plate-box-verify' : 'plate-box'}
                style={{
                  left: percent(plate.box.x / result.width),
                  top: percent(plate.box.y / result.height),
                  width: percent(plate.box.width / result.width),
                  height: percent(plate.box.height / result.height),
                }}
                aria-hidden="true"
              >
                <span className="plate-box-label">{index + 1}</span>
              </span>
            ))}
          </figure>
          {result ? (
            <section aria-labelledby="readings-heading">
              <h2 id="readings-heading">Readings</h2>
              <p role="status">
                {result.plates.length === 0 ? 'No plate found in this image.' : `${result.plates.length} plate${result.plates.length === 1 ? '' : 's'} found`} · confidence threshold{' '}
                {result.confidenceThreshold} · {Math.round(result.timings.totalMs)} ms · models {result.models.reader} / {result.models.detector}
              </p>
              <ol className="readings">
                {result.plates.map((plate, index) => (
                  <li key={index}>
                    <p className="reading-text">
                      <strong className="plate-text">{plate.text}</strong> {percent(plate.confidence)}{' '}
                      {plate.needsVerification ? <Badge tone="warn">Verify against the image</Badge> : null}
                    </p>
                    <p className="reading-characters" aria-label="Confidence per character">
                      {plate.characters.map((c, i) => (
                        <span key={i} className={c.confidence < result.confidenceThreshold ? 'char char-doubtful' : 'char'} title={c.alternatives.map((a) => `${a.char} ${percent(a.confidence)}`).join(', ')}>
                          {c.char}
                          <small>{percent(c.confidence)}</small>
                        </span>
                      ))}
                    </p>
                    {plate.alternatives.length ? <p className="hint">Or: {plate.alternatives.map((a) => `${a.text} (${percent(a.confidence)})`).join(', ')}</p> : null}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
