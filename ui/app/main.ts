// The staff app page's entry (dist/ui/app.js, loaded by index.html): defines <sf-app> and starts
// the service worker that keeps the app shell for reloads without network. Pages embedding the
// components load /ui/serviceframe.js instead and get no worker.
import './sf-app.ts';
import { registerShellWorker } from './register-worker.ts';

void registerShellWorker();
