// Who is signed in (the browser session the API told us about) and what this instance is: loaded once at
// start, kept in a context every screen reads.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useState } from 'preact/hooks';
import { api, call, setCsrfToken, type Schemas } from './api.ts';

export type BrowserSession = Schemas['BrowserSession'];
export type Instance = Schemas['Instance'];

interface SessionState {
  instance: Instance;
  session: BrowserSession | null;
  /** After sign-in or sign-up: remember the session and its CSRF token. */
  signedIn(session: BrowserSession): void;
  /** Ends the session on the server, then forgets it here. */
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession() outside <SessionProvider>');
  return state;
}

/** The signed-in session; for screens that are only shown to a signed-in person. */
export function useSignedIn(): BrowserSession {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn() on a screen shown without a session');
  return session;
}

type Loaded = { instance: Instance; session: BrowserSession | null } | { failed: string };

export function SessionProvider({ children, fallback }: { children: ComponentChildren; fallback: (failed?: string) => ComponentChildren }) {
  const [loaded, setLoaded] = useState<Loaded | undefined>();

  useEffect(() => {
    void (async () => {
      try {
        const [instance, current] = await Promise.all([call(api.GET('/api/instance')), api.GET('/api/session')]);
        const session = current.data ?? null;
        setCsrfToken(session?.csrf_token);
        setLoaded({ instance, session });
      } catch (error) {
        setLoaded({ failed: (error as { message?: string }).message ?? 'The server could not be reached.' });
      }
    })();
  }, []);

  const signedIn = useCallback((session: BrowserSession) => {
    setCsrfToken(session.csrf_token);
    setLoaded((state) => (state && 'instance' in state ? { ...state, session } : state));
  }, []);

  const signOut = useCallback(async () => {
    await call(api.DELETE('/api/session'));
    setCsrfToken(undefined);
    setLoaded((state) => (state && 'instance' in state ? { ...state, session: null } : state));
  }, []);

  if (!loaded || 'failed' in loaded) return <>{fallback(loaded?.failed)}</>;
  return <SessionContext.Provider value={{ ...loaded, signedIn, signOut }}>{children}</SessionContext.Provider>;
}
