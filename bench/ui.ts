// UI render benchmark (issue 6): the median time <sf-form> takes to render the 72-field work order
// (tests/browser/fixtures/work-order.json) in Debian's Chromium, against @formio/js rendering an
// equivalent form (same fields, types, requirements, conditions, computed total) in the same browser
// and run. Formio's CDN look-ups (flatpickr-formio, moment-timezone) are pointed at local copies.
// Each sample: create the element in a fresh container, wait until it has rendered (updateComplete;
// Formio's form.ready), force layout; teardown is outside the clock. Rounds interleave sf-form, sf-form
// on a not-yet-compiled definition (reported in the baseline text) and Formio, so machine load hits all
// alike. A failed local request (e.g. a CDN asset Formio could not load) fails the suite rather than
// timing an incomplete Formio form.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import type { FieldSpec } from '../engine/forms/index.ts';
import { localize } from '../engine/localized.ts';
import type { BenchResult } from './bench-result.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const SAMPLES = 40;
const WARMUP = 8;

type FormioComponent = Record<string, unknown>;

/** The same form for Formio: one component per field, nested groups and rows, conditions, the total. */
export function formioComponents(fields: readonly FieldSpec[]): FormioComponent[] {
  return fields.map((f) => {
    const base: FormioComponent = {
      key: f.name,
      label: localize(f.label, 'zh-CN'),
      input: true,
      validate: { required: Boolean(f.required) },
    };
    const cond = f.visibleWhen as { path?: string; value?: unknown } | undefined;
    if (cond?.path) base['conditional'] = { show: true, when: cond.path.replace(/^\$\./, ''), eq: String(cond.value) };
    if (f.compute) base['calculateValue'] = `value = 0;`;
    const options = (f.options ?? []).map((o) => ({ value: String(o.value), label: localize(o.label, 'zh-CN') }));
    switch (f.type) {
      case 'textarea':
        return { ...base, type: 'textarea', rows: 3 };
      case 'number':
        return { ...base, type: 'number' };
      case 'money':
        return { ...base, type: 'currency', currency: 'CNY' };
      case 'date':
        return { ...base, type: 'datetime', enableTime: false, format: 'yyyy-MM-dd' };
      case 'datetime':
        return { ...base, type: 'datetime', enableTime: true };
      case 'enum':
        if (f.multiple) return { ...base, type: 'selectboxes', values: options };
        return options.length <= 4
          ? { ...base, type: 'radio', values: options }
          : { ...base, type: 'select', data: { values: options } };
      case 'yesno':
        return {
          ...base,
          type: 'radio',
          values: [
            { value: 'true', label: '是' },
            { value: 'false', label: '否' },
          ],
        };
      case 'email':
        return { ...base, type: 'email' };
      case 'phone':
      case 'mobile':
        return { ...base, type: 'phoneNumber' };
      case 'signature':
        return { ...base, type: 'signature' };
      case 'attachment':
        return { ...base, type: 'file', storage: 'base64', multiple: Boolean(f.multiple) };
      case 'group':
        return { ...base, type: 'container', components: formioComponents(f.fields ?? []) };
      case 'rows':
        return { ...base, type: 'datagrid', components: formioComponents(f.fields ?? []) };
      default:
        return {
          ...base,
          type: 'textfield',
          ...(f.pattern ? { validate: { required: Boolean(f.required), pattern: f.pattern } } : {}),
        };
    }
  });
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.json': 'application/json',
  '.map': 'application/json',
};

function serveFiles(routes: Record<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const prefix = Object.keys(routes)
      .filter((p) => path.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    const target =
      prefix === undefined
        ? undefined
        : prefix.endsWith('/')
          ? normalize(join(routes[prefix]!, path.slice(prefix.length)))
          : routes[prefix];
    if (!target || !existsSync(target)) {
      res.writeHead(404).end();
      return;
    }
    res
      .writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream' })
      .end(readFileSync(target));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const PAGE_SCRIPT = `
window.runBench = async function ({ definition, components, samples, warmup, base }) {
  // Formio asks for <override>/<library>/<file>: the routes below serve them from node_modules.
  Formio.cdn.setOverrideUrl('flatpickr-formio', base + '/cdn');
  Formio.cdn.setOverrideUrl('moment-timezone', base + '/cdn');
  function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
  const controls = {};
  // One sample: a fresh container; the clock runs from creating the element until it has rendered
  // and laid out; tearing it down is outside the clock.
  async function sample(name, render) {
    const host = document.createElement('div');
    document.body.append(host);
    const t0 = performance.now();
    const done = await render(host);
    void host.offsetHeight;
    const t = performance.now() - t0;
    if (!(name in controls)) controls[name] = host.querySelectorAll('input, textarea, select, canvas').length + [...host.querySelectorAll('*')].reduce((n, el) => n + (el.shadowRoot ? el.shadowRoot.querySelectorAll('input, textarea, select, canvas').length : 0), 0);
    if (done) done();
    host.remove();
    await new Promise((r) => setTimeout(r, 0));
    return t;
  }
  function count(fields) {
    return fields.reduce((n, f) => n + 1 + (f.fields ? count(f.fields) : 0), 0);
  }
  async function sfForm(host, form) {
    const el = document.createElement('sf-form');
    el.form = form;
    host.append(el);
    await el.updateComplete;
  }
  const renderers = {
    // a form the page has compiled before (opened again), the headline figure
    sf: (host) => sfForm(host, definition),
    // a definition seen for the first time: compiled into its validator and evaluator first
    sfCold: (host) => sfForm(host, structuredClone(definition)),
    formio: async (host) => {
      const form = await Formio.createForm(host, { display: 'form', components }, { noAlerts: true });
      await form.ready;
      return () => form.destroy();
    },
  };
  // Rounds interleave the renderers, so a busy machine slows all of them alike and the ratio holds.
  const times = { sf: [], sfCold: [], formio: [] };
  for (let i = 0; i < warmup + samples; i++) {
    for (const name of Object.keys(renderers)) {
      const t = await sample(name, renderers[name]);
      if (i >= warmup) times[name].push(t);
    }
  }
  const [sf, sfCold, formio] = [median(times.sf), median(times.sfCold), median(times.formio)];
  return { sf, sfCold, formio, fields: count(definition.spec.fields), controls };
};
`;

const PAGE = `<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="/formio/formio.form.min.css">
<script src="/formio/formio.form.min.js"></script>
<script type="module">import * as sf from '/sf/serviceframe.js'; window.sf = sf; window.sfReady = true;</script>
<script>${PAGE_SCRIPT}</script>
</head><body></body></html>`;

export async function benchUi(): Promise<BenchResult[]> {
  if (!existsSync(CHROMIUM)) return [];
  const dir = mkdtempSync(join(tmpdir(), 'sf-bench-ui-'));
  execFileSync(process.execPath, ['ui/build.mjs', '--outdir', join(dir, 'sf')], { stdio: 'pipe' });
  const page = join(dir, 'index.html');
  await import('node:fs/promises').then((fs) => fs.writeFile(page, PAGE));
  const server = await serveFiles({
    '/index.html': page,
    '/sf/': join(dir, 'sf'),
    '/formio/': 'node_modules/@formio/js/dist',
    // flatpickr-formio is Formio's build of flatpickr 4.6.13; the flatpickr package of that version stands in
    '/cdn/flatpickr-formio/': 'node_modules/flatpickr/dist',
    '/cdn/moment-timezone/': 'node_modules/moment-timezone',
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const tab = await browser.newPage();
    // Everything is served locally: a request that fails means a component rendered without its asset.
    const missing: string[] = [];
    tab.on('requestfailed', (r) => missing.push(r.url()));
    tab.on('response', (r) => void (r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`)));
    await tab.goto(`${base}/index.html`);
    await tab.waitForFunction(() => (window as unknown as { sfReady?: boolean }).sfReady === true);
    const definition = JSON.parse(readFileSync('tests/browser/fixtures/work-order.json', 'utf8')) as {
      spec: { fields: FieldSpec[] };
    };
    const components = formioComponents(definition.spec.fields);
    const input = { definition, components, samples: SAMPLES, warmup: WARMUP, base };
    // The in-page code is plain JavaScript (PAGE_SCRIPT): code compiled by tsx carries helpers the page lacks.
    const result = (await tab.evaluate(
      (arg) => (window as unknown as { runBench(a: unknown): Promise<unknown> }).runBench(arg),
      input,
    )) as { sf: number; sfCold: number; formio: number; fields: number; controls: Record<string, number> };
    if (process.env.BENCH_DEBUG)
      console.error('controls rendered:', result.controls, 'cold sf-form:', result.sfCold, 'ms');
    if (missing.length)
      throw new Error(`ui bench: requests failed, so the forms were not rendered complete: ${missing.join(', ')}`);
    return [
      {
        name: 'ui.renderWorkOrder',
        value: Math.round(result.sf * 100) / 100,
        unit: 'ms',
        baseline: `@formio/js ${formioVersion()} rendering the same ${result.fields}-field form in the same Chromium: median ${Math.round(result.formio * 10) / 10} ms (sf-form on a definition not yet compiled: ${Math.round(result.sfCold * 10) / 10} ms)`,
        ratio: Math.round((result.formio / result.sf) * 100) / 100,
      },
    ];
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
}

function formioVersion(): string {
  try {
    return (JSON.parse(readFileSync('node_modules/@formio/js/package.json', 'utf8')) as { version: string }).version;
  } catch {
    return '';
  }
}
