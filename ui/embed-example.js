// The script of embed-example.html, kept in its own file: the server's content security policy
// (script-src 'self') runs no inline script.
import { ApiClient, formForEvent } from './serviceframe.js';

const connect = document.getElementById('connect');
const form = document.getElementById('form');
const view = document.getElementById('case');
const result = document.getElementById('result');
let client;
let workflow = 'repair';

connect.addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = new FormData(connect);
  const server = String(input.get('server') || '');
  const token = String(input.get('token') || '') || undefined;
  workflow = String(input.get('workflow') || 'repair');
  const locale = String(input.get('locale'));
  client = new ApiClient({ baseUrl: server, token, locale, credentials: server ? 'include' : 'same-origin' });
  client.addEventListener(
    'sf-login-expired',
    () => (result.textContent = 'The token is missing or expired: log in again.'),
  );
  form.locale = locale;
  view.locale = locale;
  try {
    const definition = await client.definition('Workflow', workflow);
    form.form = formForEvent(definition.startForm, `${workflow}-start`);
    result.textContent = '';
  } catch (error) {
    result.textContent = `${error.status ?? ''} ${error.message}`;
  }
});

form.addEventListener('sf-submit', async (event) => {
  if (!client) return;
  try {
    const created = await client.createCase(workflow, event.detail.data, { idempotencyKey: crypto.randomUUID() });
    result.textContent = `Case ${created.id} created.`;
    view.client = client;
    view.caseId = created.id;
  } catch (error) {
    if (error.errors?.length) form.errors = error.errors;
    result.textContent = error.status === 0 ? 'The server cannot be reached; nothing typed is lost.' : error.message;
  }
});
