// The staff app page's entry (dist/ui/app.js, loaded by index.html): defines <sf-app> and starts
// the service worker that keeps the app shell for reloads without network. Pages embedding the
// components load /ui/serviceframe.js instead and get no worker.
import './sf-app.ts';
import { registerShellWorker } from './register-worker.ts';

// The worker downloads the whole shell when it installs: it waits until the app has shown its
// first page after login (`sf-ready`), so those downloads do not compete with the login and the
// worklist (ui.firstWorklist); someone who stays on the login form gets it a little later.
const SHELL_WORKER_LATEST_MS = 15_000;
let asked = false;
const register = () => {
  if (asked) return;
  asked = true;
  void registerShellWorker();
};
document.addEventListener('sf-ready', register, { once: true });
setTimeout(register, SHELL_WORKER_LATEST_MS);
