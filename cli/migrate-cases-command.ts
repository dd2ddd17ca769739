import { parseArgs, type CliIO, type Command } from './command.ts';

/**
 * `serviceframe migrate-cases --server URL --workflow W --from SEQ [--to SEQ] [--map A=B,…]
 * [--clocks-only] [--unit U] [--state S] [--created-from D] [--created-to D] --reason TEXT
 * [--dry-run] [--resume [BATCH]] [--json]`: POST /api/cases/migrate on a running server (the server
 * does the work, so its caches, live views and projections follow each case). Prints one line per
 * case; `--json` prints the server's answer as it is. Exit 1 when the server refuses the request.
 */
export const migrateCasesCommand: Command = {
  name: 'migrate-cases',
  usage:
    'migrate-cases --server URL [--token T] --workflow W --from SEQ [--to SEQ] [--map A=B,...] [--clocks-only] [--unit U] [--state S] [--created-from D] [--created-to D] --reason TEXT [--dry-run] [--resume [BATCH]] [--json]   move open cases to another definition version (docs/migration.md)',
  async run(args, io) {
    const { options } = parseArgs(args);
    const text = (name: string) => (typeof options.get(name) === 'string' ? (options.get(name) as string) : undefined);
    const server = text('server');
    const token = text('token') ?? process.env['SERVICEFRAME_TOKEN'];
    if (!server) {
      io.err('give the server: --server http://127.0.0.1:3000');
      return 1;
    }
    if (!token) {
      io.err("give an administrator's login token: --token TOKEN or SERVICEFRAME_TOKEN");
      return 1;
    }
    const resume = options.get('resume');
    let body: Record<string, unknown>;
    if (resume !== undefined) {
      body = { resume: resume === true ? true : resume };
    } else {
      const mapping = mappingOf(text('map'));
      if (typeof mapping === 'string') {
        io.err(mapping);
        return 1;
      }
      const filter = Object.fromEntries(
        (['unit', 'state', 'created-from', 'created-to'] as const).flatMap((k) =>
          text(k) !== undefined ? [[k.replace(/-(\w)/, (_, c: string) => c.toUpperCase()), text(k)]] : [],
        ),
      );
      const version = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : v);
      body = {
        ...(text('workflow') !== undefined ? { workflow: text('workflow') } : {}),
        ...(text('from') !== undefined ? { fromVersion: version(text('from')) } : {}),
        ...(text('to') !== undefined ? { toVersion: version(text('to')) } : {}),
        ...(Object.keys(filter).length ? { filter } : {}),
        ...(Object.keys(mapping).length ? { stateMapping: mapping } : {}),
        clocksOnly: options.get('clocks-only') === true,
        dryRun: options.get('dry-run') === true,
        reason: text('reason') ?? '',
      };
    }
    let res: Response;
    try {
      res = await fetch(new URL('/api/cases/migrate', server), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    } catch (e) {
      io.err(`cannot reach ${server}: ${(e as Error).message}`);
      return 1;
    }
    const answer = (await res.json().catch(() => ({}))) as Answer & Refusal;
    if (!res.ok) {
      for (const e of answer.errors ?? []) io.err(`${e.path}: ${e.message}`);
      io.err(
        `${res.status}: ${answer.detail ?? res.statusText}${answer.batch ? ` (batch ${answer.batch}; continue it with --resume)` : ''}`,
      );
      return 1;
    }
    if (options.get('json') === true) io.out(JSON.stringify(answer, null, 2));
    else describe(answer, io);
    return 0;
  },
};

/** `open=registered,work.travelling=work.on-way` → { open: 'registered', … }; a message when malformed. */
function mappingOf(text: string | undefined): Record<string, string> | string {
  if (text === undefined) return {};
  const out: Record<string, string> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from, to, ...rest] = pair.split('=');
    if (!from || !to || rest.length) return `--map takes STATE=STATE pairs separated by commas, not "${pair}"`;
    out[from.trim()] = to.trim();
  }
  return out;
}

interface Refusal {
  readonly detail?: string;
  readonly batch?: string;
  readonly errors?: readonly { path: string; message: string }[];
}

interface Answer {
  readonly batch: string | null;
  readonly dryRun: boolean;
  readonly resumed: boolean;
  readonly workflowTitle: string;
  readonly from: { seq: number };
  readonly to: { seq: number };
  readonly counts: Readonly<Record<string, number>>;
  readonly cases: readonly {
    id: string;
    number?: string;
    unit: string;
    outcome: string;
    state: { before: readonly { title: string }[]; after: readonly { title: string }[] };
    dataRefusals: readonly { message: string }[];
    clocks: readonly { title: string; before: { deadline: string | null }; after: { deadline: string | null } }[];
    timers: { added: readonly unknown[]; removed: readonly unknown[] };
    notes: readonly { message: string }[];
  }[];
}

function describe(a: Answer, io: CliIO): void {
  const head = a.dryRun ? 'dry run' : a.resumed ? `resumed batch ${a.batch}` : `batch ${a.batch}`;
  const counts = Object.entries(a.counts)
    .filter(([k, n]) => k !== 'selected' && n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ');
  io.out(
    `${head}: ${a.workflowTitle}, version ${a.from.seq} -> ${a.to.seq}, ${a.counts['selected']} cases${counts ? `: ${counts}` : ''}`,
  );
  for (const c of a.cases) {
    const states = (list: readonly { title: string }[]) => list.map((s) => s.title).join(', ');
    const parts = [
      `${c.number ?? c.id} (${c.unit}) ${c.outcome}`,
      `${states(c.state.before)} -> ${states(c.state.after)}`,
    ];
    for (const k of c.clocks) parts.push(`${k.title} ${k.before.deadline ?? '-'} -> ${k.after.deadline ?? '-'}`);
    if (c.timers.added.length || c.timers.removed.length)
      parts.push(`timers +${c.timers.added.length} -${c.timers.removed.length}`);
    io.out(parts.join('; '));
    for (const r of c.dataRefusals) io.out(`  ${r.message}`);
    for (const n of c.notes) io.out(`  ${n.message}`);
  }
}
