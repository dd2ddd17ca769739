import { describe, expect, it } from 'vitest';
import { readDefinitionFiles, validateDefinitions } from '../../../engine/definitions/index.ts';
import { compileSet } from '../../../engine/runtime/compile-set.ts';
import { note, noteCatalogue, noteText, type NoteCode, type StructuredNote } from '../../../engine/runtime/note.ts';
import { createSimulation } from '../../../engine/simulate/simulation.ts';

const seed = compileSet(validateDefinitions(readDefinitionFiles('definitions')).docs.map((d) => d.def));
const DEADLINE = Date.parse('2026-12-01T18:00:00+08:00');
const ZONE = 'Asia/Shanghai';
const TITLE = { zh: '24小时上门服务', en: 'On site within 24 hours' };

/** Each code with args, and the line the engine wrote for it before notes were structured. */
const BEFORE: Record<NoteCode, [StructuredNote, string]> = {
  assigned: [note('assigned', { person: 'br1.tech' }), 'assigned to br1.tech'],
  assignNobody: [note('assignNobody', { rule: 'duty-roster' }), 'nobody to assign (duty-roster)'],
  recordNames: [note('recordNames', { type: 'roster', record: 'r1' }), 'roster record r1 names nobody'],
  notified: [
    note('notified', { template: 'repair-new', people: ['br1.lead', 'br1.staff'], addresses: ['sms:13800138000'] }),
    'notify repair-new → br1.lead, br1.staff, sms:13800138000',
  ],
  watchers: [note('watchers', { people: ['hq.gm'] }), 'watchers: hq.gm'],
  escalatedWatch: [
    note('escalatedWatch', { role: 'vice-president', roleTitle: 'VP', people: ['hq.vp'] }),
    'escalated to vice-president: hq.vp (watch)',
  ],
  escalatedReassign: [
    note('escalatedReassign', { role: 'vice-president', roleTitle: 'VP', people: ['hq.vp'] }),
    'escalated to vice-president: hq.vp (reassign)',
  ],
  escalationNobody: [
    note('escalationNobody', { role: 'vice-president', roleTitle: 'VP' }),
    'escalation to vice-president: nobody holds the role',
  ],
  clockStarted: [
    note('clockStarted', { clock: 'repair-on-site', clockTitle: TITLE, deadline: DEADLINE, timeZone: ZONE }),
    'clock repair-on-site started, deadline 2026-12-01 18:00',
  ],
  clockStopped: [note('clockStopped', { clock: 'repair-on-site', clockTitle: TITLE }), 'clock repair-on-site stopped'],
  clockPaused: [note('clockPaused', { clock: 'repair-on-site' }), 'clock repair-on-site paused'],
  clockResumed: [
    note('clockResumed', { clock: 'repair-on-site', deadline: DEADLINE, timeZone: ZONE }),
    'clock repair-on-site resumed, deadline 2026-12-01 18:00',
  ],
  clockDeadlineMoved: [
    note('clockDeadlineMoved', { clock: 'repair-on-site', deadline: DEADLINE, timeZone: 'UTC' }),
    'clock repair-on-site deadline moved to 2026-12-01 10:00',
  ],
  recordLinked: [note('recordLinked', { link: 'customer', type: 'client', record: 'k1' }), 'linked customer k1'],
  recordCreated: [
    note('recordCreated', { link: 'customer', type: 'client', typeTitle: '客户档案', record: 'c1-customer' }),
    'created customer record c1-customer',
  ],
  recordNotCreated: [
    note('recordNotCreated', { link: 'customer', type: 'client', why: '/customerName is required' }),
    'no customer record created: /customerName is required',
  ],
  caseStarted: [
    note('caseStarted', { workflow: 'return-visit', workflowTitle: '回访', case: 'c2' }),
    'started return-visit c2',
  ],
  clockNotStartedNoTime: [
    note('clockNotStartedNoTime', { clock: 'repair-appointment', target: '=data.appointmentAt' }),
    'clock repair-appointment not started: no agreed time (=data.appointmentAt) yet',
  ],
  clockNotStarted: [
    note('clockNotStarted', { clock: 'feedback-1h', condition: 'appliesWhen' }),
    'clock feedback-1h not started: appliesWhen does not hold for this case',
  ],
  clockResumedNoTime: [
    note('clockResumedNoTime', { clock: 'repair-appointment' }),
    'clock repair-appointment resumed, no agreed time yet',
  ],
  clockNoPolicy: [
    note('clockNoPolicy', { clock: 'gone' }),
    'clock gone: no SLA policy of that name in this definition version',
  ],
  clockExpressionFailed: [
    note('clockExpressionFailed', { clock: 'on-site', expression: 'deadlineFrom', error: 'boom' }),
    'clock on-site: deadlineFrom could not be evaluated (boom); the target stands',
  ],
  clockPolicyGone: [
    note('clockPolicyGone', { clock: 'on-site', policy: 'old' }),
    'clock on-site: policy old is not in the new version; left unchanged',
  ],
  calendarNoSchedule: [
    note('calendarNoSchedule', { clock: 'on-site', calendar: 'standard', year: 2027 }),
    "clock on-site: calendar 'standard' has no holiday schedule for 2027: only its weekly hours and its own days count there, so public holidays of 2027 are not skipped (add them under spec.days and list 2027 in spec.years)",
  ],
  clockThreshold: [
    note('clockThreshold', { clock: 'on-site', threshold: 'breach', kind: 'breach' }),
    'clock on-site: breach',
  ],
  clockTimerIgnored: [
    note('clockTimerIgnored', { clock: 'on-site', threshold: 'warn', why: 'it already fired' }),
    'SLA timer on-site/warn ignored: it already fired',
  ],
  signalSent: [note('signalSent', { event: 'hq-resolved', cases: ['c1'] }), 'signal hq-resolved → c1'],
  signalNoTarget: [note('signalNoTarget', { event: 'hq-resolved' }), 'signal hq-resolved → no linked case'],
  scoreFact: [note('scoreFact', { fact: 'late-work-order', unit: 'br1' }), 'score fact late-work-order for br1'],
  userFact: [
    note('userFact', { person: 'br1.tech', fact: 'qualified', value: 'false' }),
    'user br1.tech: qualified = false',
  ],
  migrated: [
    note('migrated', { fromSeq: 3, toSeq: 4, reason: 'on site within 12 hours' }),
    'moved from definition version 3 to 4: on site within 12 hours',
  ],
};

describe('structured notes', () => {
  it.each(Object.keys(noteCatalogue) as NoteCode[])('renders %s as the line the engine wrote before', (code) => {
    const [made, before] = BEFORE[code];
    expect(made.code).toBe(code);
    expect(made.text).toBe(before);
    // read back from storage, where only code and args count for a known code
    expect(noteText(JSON.parse(JSON.stringify({ ...made, text: 'stale' })) as StructuredNote)).toBe(before);
  });

  it('stores no member for an optional arg left out', () => {
    expect(note('recordNames', { type: 'roster', record: 'r1', person: undefined }).args).toEqual({
      type: 'roster',
      record: 'r1',
    });
  });

  it('reads a plain string as it is, and an unknown code (even an Object method name) as its stored text', () => {
    expect(noteText('signal close → no linked case')).toBe('signal close → no linked case');
    expect(noteText({ code: 'fromTheFuture', args: { x: 1 }, text: 'something new happened' })).toBe(
      'something new happened',
    );
    expect(noteText({ code: 'toString', args: {}, text: 'stored text' })).toBe('stored text');
  });

  it("notes a seed repair's notifications, clock and customer record structurally, in the same English", async () => {
    // given the seed and a repair reported by br1's service staff on Monday 30 November at 10:00
    const sim = createSimulation(seed, Date.parse('2026-11-30T10:00:00+08:00'));
    // when the case is created
    const c = await sim.engine.createCase(sim.actor('br1.staff'), 'repair', {
      customerName: 'Li',
      address: 'Jinan',
      phone: '13800138000',
      productModel: 'ZW32-12',
      fault: 'trips',
    });
    const effects = (await sim.store.history(c.id))[0]!.effects;
    // then the lead is notified, the on-site clock starts with the policy's title and an instant
    // (24 hours of clock time later), the archive is created
    expect(effects).toContainEqual({
      code: 'notified',
      args: {
        template: 'repair-new',
        templateTitle: { zh: '新报修待派工', en: 'New repair to dispatch' },
        people: ['br1.lead'],
        addresses: [],
      },
      text: 'notify repair-new → br1.lead',
    });
    expect(effects).toContainEqual({
      code: 'clockStarted',
      args: {
        clock: 'repair-on-site',
        clockTitle: TITLE,
        deadline: Date.parse('2026-12-01T10:00:00+08:00'),
        timeZone: ZONE,
      },
      text: 'clock repair-on-site started, deadline 2026-12-01 10:00',
    });
    expect(effects.map(noteText)).toContain(`created customer record ${c.id}-customer`);
    // and each structured note's stored text is what noteText renders
    for (const e of effects) if (typeof e !== 'string') expect(noteText(e)).toBe(e.text);
  });

  it('names the cases a signal told by their numbers, as people know them (issue 15, CMP-5)', async () => {
    // given a seed complaint the branch transferred to headquarters
    const sim = createSimulation(seed, Date.parse('2026-11-30T10:00:00+08:00'));
    const complaint = await sim.engine.createCase(sim.actor('br1.staff'), 'complaint', {
      customerName: '张三',
      address: '济南市经十路100号',
      phone: '13800138000',
      productModel: 'ZW32-12',
      purchaseDate: '2024-03-01',
      problem: '要求整批更换',
      channel: 'phone',
      about: 'product',
    });
    const moved = await sim.engine.sendEvent(complaint.id, {
      type: 'transfer-to-hq',
      data: { transferReason: '超出权限' },
      actor: sim.actor('br1.cm'),
    });
    const hq = moved.links.find((l) => l.direction === 'child')!;
    expect(complaint.number).toMatch(/^TS-2026-\d{5}$/);
    // when headquarters resolves it, which answers back to the branch's case
    await sim.engine.sendEvent(hq.caseId, {
      type: 'reply',
      data: { solutionPlan: '检测', replyToCustomer: '已安排', replyChannel: 'phone' },
      actor: sim.actor('hq.mdm'),
    });
    await sim.engine.sendEvent(hq.caseId, {
      type: 'resolve',
      data: { result: '更换', customerAccepted: true, cause: 'product' },
      actor: sim.actor('hq.mdm'),
    });
    // then the signal's note keeps the branch case's id and adds its number, which its English line names
    const signal = (await sim.store.history(hq.caseId))
      .flatMap((e) => e.effects)
      .find((n): n is StructuredNote => typeof n !== 'string' && n.code === 'signalSent')!;
    expect(signal.args).toEqual({ event: 'hq-resolved', cases: [complaint.id], numbers: [complaint.number] });
    expect(signal.text).toBe(`signal hq-resolved → ${complaint.number}`);
    // and the transfer's note names the case it started by its number
    const started = (await sim.store.history(complaint.id))
      .flatMap((e) => e.effects)
      .find((n): n is StructuredNote => typeof n !== 'string' && n.code === 'caseStarted')!;
    expect(started.args.case).toBe(hq.number);
    expect(hq.number).toMatch(/^[A-Z]+-2026-\d{5}$/);
  });
});
