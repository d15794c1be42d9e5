// The security headers of the web app's documents (the person's UI at `/`), for the route that serves it.
//
// Threat model: the app holds a signed-in browser session, so it must run only its own code (no inline or
// foreign scripts: an injected <script> or on* attribute does nothing), never be framed (clickjacking), keep no
// window relationship with pages it opens (a /p/ page or any other site cannot reach it through `opener`), and
// leak no URL to them. Its own files are the only thing it loads or calls; pages under /p/ are opened, never
// embedded (default-src 'none' covers frames).
export const WEB_APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Every header a web app response (its HTML and its scripts and styles) carries. */
export const WEB_APP_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': WEB_APP_CSP,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};
