// The HTML every screen of the web app starts from: it only links the bundle; the app draws the rest.
import type { AppBundle } from './bundle.ts';

const ICON =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='7' fill='%23355cde'/%3E%3Cpath d='M9 22V10h7a5 5 0 0 1 0 10h-3' stroke='white' stroke-width='3' fill='none' stroke-linecap='round'/%3E%3C/svg%3E";

export function appShell(bundle: AppBundle): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Outpost</title>
<link rel="icon" href="${ICON}">
<link rel="stylesheet" href="${bundle.style.path}">
<script type="module" src="${bundle.script.path}"></script>
</head>
<body>
<div id="app"></div>
<noscript><p class="noscript">Outpost's web app needs JavaScript. The API works without it: see <a href="/docs">/docs</a>.</p></noscript>
</body>
</html>
`;
}
