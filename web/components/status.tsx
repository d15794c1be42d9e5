// The app's one live region: announce() puts a short message where screen readers hear it and everyone
// sees it (bottom of the window), for results that are not next to a field (copied, saved, deleted).
import { useEffect, useState } from 'preact/hooks';

type Listener = (message: string) => void;
const listeners = new Set<Listener>();

export function announce(message: string): void {
  listeners.forEach((listener) => listener(message));
}

export function StatusRegion() {
  const [message, setMessage] = useState('');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const show: Listener = (next) => {
      // Clearing first makes a repeated message ("Copied", "Copied") be announced again.
      setMessage('');
      clearTimeout(timer);
      requestAnimationFrame(() => setMessage(next));
      timer = setTimeout(() => setMessage(''), 6000);
    };
    listeners.add(show);
    return () => {
      listeners.delete(show);
      clearTimeout(timer);
    };
  }, []);
  return (
    <div class="status" role="status" aria-live="polite" aria-atomic="true">
      {message && <p class="status-message">{message}</p>}
    </div>
  );
}
