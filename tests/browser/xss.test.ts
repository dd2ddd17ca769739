// Hostile text stored verbatim by the server (tests/reliability/reliability-fuzz.test.ts) is rendered as text:
// no script from case data, history, titles or list rows ever runs (issue 7).
import '../../ui/components/sf-case.ts';
import '../../ui/components/sf-case-list.ts';
import type { SfCase } from '../../ui/components/sf-case.ts';
import type { SfCaseList } from '../../ui/components/sf-case-list.ts';
import { ApiClient } from '../../ui/api/client.ts';
import type { CaseView } from '../../ui/api/types.ts';
import { equal, ok } from './assert.ts';
import { availableEvent, caseSummary, caseView, deadline, historyEntry, iso } from './answers.ts';
import { fakeApi, until } from './fake-api.ts';

declare global {
  interface Window {
    xssRan?: number;
  }
}

const PAYLOADS = [
  '<img src=x onerror="window.xssRan=(window.xssRan||0)+1">',
  '<script>window.xssRan=(window.xssRan||0)+1</script>',
  '"><svg onload="window.xssRan=(window.xssRan||0)+1">',
  "'); DROP TABLE cases; --",
  '<iframe srcdoc="<script>parent.xssRan=(parent.xssRan||0)+1</script>">',
];
const hostile = PAYLOADS.join(' ');

function hostileCase(): CaseView {
  const now = Date.now();
  return caseView({
    id: 'c-xss',
    workflow: 'repair',
    definitionVersion: 'v1',
    unit: hostile,
    owner: hostile,
    assignee: hostile,
    state: [hostile],
    workflowTitle: hostile,
    data: { customerName: hostile, [hostile]: hostile, nested: { note: hostile } },
    version: 2,
    deadlines: [
      deadline({
        name: hostile,
        policy: hostile,
        title: { zh: hostile, en: hostile },
        deadline: iso(now + 3_600_000),
        explanation: [hostile],
      }),
    ],
    history: [
      historyEntry({
        seq: 1,
        type: hostile,
        actor: hostile,
        actorUnit: hostile,
        at: new Date(now).toISOString(),
        from: [],
        to: [hostile],
        data: { customerName: hostile },
        effects: [
          hostile,
          {
            code: 'notified',
            args: {
              template: hostile,
              templateTitle: { zh: hostile, en: hostile },
              people: [hostile],
              addresses: [hostile],
            },
            text: hostile,
          },
          { code: hostile, args: {}, text: hostile },
        ],
      }),
    ],
    availableEvents: [availableEvent({ type: 'note', title: hostile })],
    links: [{ direction: 'child', caseId: hostile, workflow: hostile, workflowTitle: hostile, name: hostile }],
  });
}

/** Every element under `root`, through open shadow roots. */
function allElements(root: ParentNode): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...allElements(el.shadowRoot));
  }
  return out;
}

function allText(root: ParentNode): string {
  return allElements(root)
    .map((e) =>
      e.shadowRoot
        ? ''
        : [...e.childNodes]
            .filter((n) => n.nodeType === Node.TEXT_NODE)
            .map((n) => n.textContent)
            .join(''),
    )
    .join(' ');
}

function assertInert(root: ParentNode) {
  const elements = allElements(root);
  equal(
    elements.filter((e) => e.tagName === 'SCRIPT' || e.tagName === 'IFRAME').length,
    0,
    'script or iframe elements made from data',
  );
  equal(
    elements.filter((e) => e.tagName === 'IMG' && e.getAttribute('src') === 'x').length,
    0,
    'img elements made from data',
  );
  equal(
    elements.filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
    0,
    'inline event handlers made from data',
  );
}

describe('hostile text in the staff app', () => {
  afterEach(() => document.querySelectorAll('sf-case, sf-case-list').forEach((e) => e.remove()));

  it('shows a case whose every field is hostile as text, and runs none of it', async () => {
    window.xssRan = 0;
    const api = fakeApi({
      'GET /api/cases/c-xss': () => hostileCase(),
      'GET /api/definitions/Workflow/repair': () => ({
        name: 'repair',
        title: hostile,
        states: [{ path: 'registered', title: hostile }],
        events: [],
      }),
    });
    const el = document.createElement('sf-case') as SfCase;
    Object.assign(el, { client: new ApiClient({ token: 'T', fetch: api.fetch }), caseId: 'c-xss', live: false });
    document.body.append(el);
    await until(() => el.shadowRoot?.querySelector('header'), 'the case to show');
    await el.updateComplete;
    // handlers an injected element would run fire on load or error: let the page render and settle
    await settled(el);
    equal(window.xssRan, 0, 'no payload ran');
    assertInert(el.shadowRoot!);
    ok(allText(el.shadowRoot!).includes(PAYLOADS[0]!), 'the payload is shown as text');
  });

  it('lists cases with hostile fields as text, and runs none of it', async () => {
    window.xssRan = 0;
    const now = Date.now();
    const api = fakeApi({
      'GET /api/cases': () => ({
        items: [
          caseSummary({
            id: 'c-xss',
            unit: hostile,
            owner: 'li',
            assignee: 'li',
            state: [hostile],
            updatedAt: iso(now),
            data: { customerName: hostile },
          }),
        ],
        next: null,
      }),
      'GET /api/definitions/Workflow/repair': () => ({
        name: 'repair',
        title: hostile,
        states: [{ path: hostile, title: hostile }],
      }),
    });
    const el = document.createElement('sf-case-list') as SfCaseList;
    Object.assign(el, {
      client: new ApiClient({ token: 'T', fetch: api.fetch }),
      user: { username: 'li', unit: 'hq', roles: ['agent'] },
    });
    document.body.append(el);
    await until(() => el.shadowRoot?.querySelector('tr[data-id]'), 'rows');
    await el.updateComplete;
    // handlers an injected element would run fire on load or error: let the page render and settle
    await settled(el);
    equal(window.xssRan, 0, 'no payload ran');
    assertInert(el.shadowRoot!);
    ok(allText(el.shadowRoot!).includes('<img src=x'), 'the payload is shown as text');
  });
});

/**
 * Rendered, and every image in it loaded or failed (where an injected onerror would have run), then
 * one more turn of the event loop for the handlers those events queue. (Not animation frames: a
 * background tab of the runner gets none.)
 */
async function settled(el: HTMLElement & { updateComplete: Promise<unknown> }) {
  await el.updateComplete;
  await until(() => [...el.shadowRoot!.querySelectorAll('img')].every((img) => img.complete), 'images to load or fail');
  await new Promise((resolve) => setTimeout(resolve, 0));
}
