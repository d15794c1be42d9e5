// How much of the account's storage its pages use.
import { useEffect, useState } from 'preact/hooks';
import { api, call, type Schemas } from '../api.ts';
import { formatBytes } from '../format.ts';

type Storage = Schemas['Me']['storage'];

export function useStorage(refresh: unknown = undefined): Storage | undefined {
  const [storage, setStorage] = useState<Storage | undefined>();
  useEffect(() => {
    call(api.GET('/api/me'))
      .then((me) => setStorage(me.storage))
      // The meter is a side note of the screen: without it the screen still works, and its own calls report errors.
      .catch(() => setStorage(undefined));
  }, [refresh]);
  return storage;
}

export function StorageMeter({ storage }: { storage: Storage | undefined }) {
  if (!storage) return null;
  const label = `${formatBytes(storage.used_bytes)} of ${formatBytes(storage.limit_bytes)} used`;
  return (
    <div class="storage">
      <span class="muted">Storage: {label}</span>
      <progress max={Math.max(storage.limit_bytes, 1)} value={storage.used_bytes} aria-label={`Storage: ${label}`} />
    </div>
  );
}
