// A short two-tone chime through Web Audio when a new alert arrives. Browsers allow audio only after
// the user has interacted with the page, so the context is made (or resumed) on the first click.
let context: AudioContext | undefined;

export function enableSound(): boolean {
  try {
    context ??= new AudioContext();
    void context.resume();
    return true;
  } catch {
    return false;
  }
}

export function chime(): void {
  if (!context || context.state !== 'running') return;
  const now = context.currentTime;
  for (const [i, frequency] of [880, 1320].entries()) {
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, now + i * 0.18);
    gain.gain.exponentialRampToValueAtTime(0.3, now + i * 0.18 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.18 + 0.16);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(now + i * 0.18);
    oscillator.stop(now + i * 0.18 + 0.17);
  }
}
