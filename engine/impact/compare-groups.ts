import type { Directory } from '../runtime/actor.ts';
import type { BreachChange, DeadlineMove, ImpactGroup, NotificationChange } from './impact-report.ts';
import type { Titles } from './impact-titles.ts';
import type { CaseEnd, Notice, PassOutcome } from './replay-pass.ts';
import type { RecordedCase } from './recorded-period.ts';

type MutableGroup = {
  unit: string;
  workflow: string;
  cases: number;
  earlier: DeadlineMove[];
  later: DeadlineMove[];
  gained: BreachChange[];
  lost: BreachChange[];
  added: NotificationChange[];
  removed: NotificationChange[];
  moved: NotificationChange[];
};

const iso = (t: number | null | undefined) => (t === null || t === undefined ? null : new Date(t).toISOString());

/**
 * Per unit and workflow: SLA deadlines that moved, breaches gained and lost, notifications to
 * other people or at other times. A case counts where it was recorded (unit, workflow); a case
 * only one side has is compared with nothing on the other.
 */
export function compareGroups(
  cases: readonly RecordedCase[],
  before: PassOutcome,
  after: PassOutcome,
  titles: Titles,
  directory: Directory,
): ImpactGroup[] {
  const groups = new Map<string, MutableGroup>();
  const groupOf = (unit: string, workflow: string) => {
    const key = `${unit}\u0000${workflow}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          unit,
          workflow,
          cases: 0,
          earlier: [],
          later: [],
          gained: [],
          lost: [],
          added: [],
          removed: [],
          moved: [],
        }),
      );
    return g;
  };
  for (const c of cases) {
    const g = groupOf(c.unit, c.workflow);
    g.cases++;
    compareClocks(c.id, before.cases.get(c.id), after.cases.get(c.id), g, titles);
    compareOutbox(c.id, before.outbox.get(c.id) ?? [], after.outbox.get(c.id) ?? [], g, titles, directory);
  }
  // Cases only the candidate starts (a follow-up the recording lacks): their notices and clocks are new.
  for (const id of after.replayOnly.keys()) {
    const record = after.cases.get(id);
    if (!record) continue;
    const g = groupOf(record.unit, record.workflow);
    compareClocks(id, undefined, record, g, titles);
    compareOutbox(id, [], after.outbox.get(id) ?? [], g, titles, directory);
  }
  return [...groups.values()]
    .filter(
      (g) =>
        g.earlier.length +
          g.later.length +
          g.gained.length +
          g.lost.length +
          g.added.length +
          g.removed.length +
          g.moved.length >
        0,
    )
    .sort((a, b) => cmp(a.unit, b.unit) || cmp(a.workflow, b.workflow))
    .map((g) => ({
      unit: g.unit,
      unitTitle: titles.unit(g.unit),
      workflow: g.workflow,
      workflowTitle: titles.workflow(g.workflow),
      cases: g.cases,
      deadlines: { earlier: g.earlier, later: g.later },
      breaches: { gained: g.gained, lost: g.lost },
      notifications: { added: g.added, removed: g.removed, moved: g.moved },
    }));
}

function compareClocks(
  caseId: string,
  before: CaseEnd | undefined,
  after: CaseEnd | undefined,
  g: MutableGroup,
  titles: Titles,
): void {
  const names = [...new Set([...Object.keys(before?.clocks ?? {}), ...Object.keys(after?.clocks ?? {})])].sort(cmp);
  for (const clock of names) {
    const b = before?.clocks[clock];
    const a = after?.clocks[clock];
    const clockTitle = titles.clock(a?.policy ?? b?.policy ?? clock);
    const bd = b?.deadline ?? null;
    const ad = a?.deadline ?? null;
    if (bd !== null && ad !== null && bd !== ad) {
      (ad < bd ? g.earlier : g.later).push({
        caseId,
        clock,
        clockTitle,
        before: iso(bd),
        after: iso(ad),
        deltaMs: ad - bd,
      });
    }
    const bb = b?.breached ?? false;
    const ab = a?.breached ?? false;
    if (ab && !bb) g.gained.push({ caseId, clock, clockTitle, deadline: iso(ad) });
    if (bb && !ab) g.lost.push({ caseId, clock, clockTitle, deadline: iso(bd) });
  }
}

/**
 * Notices are paired by (template, channel, recipient) in the order they were queued: a pair whose
 * times differ moved; what only the candidate sends is added (another person, or once more), what
 * only the recorded versions sent is removed.
 */
function compareOutbox(
  caseId: string,
  before: readonly Notice[],
  after: readonly Notice[],
  g: MutableGroup,
  titles: Titles,
  directory: Directory,
): void {
  if (before.length === 0 && after.length === 0) return;
  const key = (o: Notice) => `${o.template}\u0000${o.channel}\u0000${o.recipient}`;
  const waiting = new Map<string, Notice[]>();
  for (const o of before) waiting.set(key(o), [...(waiting.get(key(o)) ?? []), o]);
  const change = (o: Notice, b: Notice | null, a: Notice | null): NotificationChange => ({
    caseId,
    template: o.template,
    templateTitle: titles.template(o.template),
    channel: o.channel,
    recipient: o.recipient,
    recipientName: directory.user(o.recipient)?.name ?? null,
    before: b ? iso(b.notBefore) : null,
    after: a ? iso(a.notBefore) : null,
  });
  for (const a of after) {
    const b = waiting.get(key(a))?.shift();
    if (!b) g.added.push(change(a, null, a));
    else if (b.notBefore !== a.notBefore) g.moved.push(change(a, b, a));
  }
  for (const list of waiting.values()) for (const b of list) g.removed.push(change(b, b, null));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
