/**
 * The sound of a `stat` alert: three short high beeps, made with Web Audio (no file to load). Browsers allow sound
 * only after the user touched the page; signing in is such a touch.
 */
let context: AudioContext | undefined;

export function playStatCue(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    context ??= new Ctor();
    void context.resume();
    const start = context.currentTime;
    for (let i = 0; i < 3; i += 1) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = 988;
      gain.gain.setValueAtTime(0.0001, start + i * 0.3);
      gain.gain.exponentialRampToValueAtTime(0.3, start + i * 0.3 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.3 + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + i * 0.3);
      oscillator.stop(start + i * 0.3 + 0.22);
    }
  } catch {
    // No audio device (a kiosk without speakers): the visual cue remains.
  }
}
