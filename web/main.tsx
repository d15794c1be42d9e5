// The web app's entry: esbuild bundles this file (and the stylesheet it imports) when the server first
// serves the app.
import { render } from 'preact';
import { App } from './app.tsx';
import { onAppLinkClick } from './router.ts';
import './styles/app.css';

document.addEventListener('click', onAppLinkClick);
render(<App />, document.getElementById('app') as HTMLElement);
