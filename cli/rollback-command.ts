import { parseArgs, type Command } from './command.ts';

interface VersionRow {
  seq: number;
  version: string;
  publishedAt: string;
  note: string | null;
  current: boolean;
}

/**
 * `serviceframe rollback [SEQ] --server URL [--token TOKEN] [--note TEXT]`: publishes the whole set
 * of an earlier version again (POST /api/definitions/rollback). Without SEQ, the version published
 * just before the current one. Cases keep running on the version they started on either way.
 */
export const rollbackCommand: Command = {
  name: 'rollback',
  usage:
    'rollback [SEQ] --server URL [--token T] [--note TEXT]   publish an earlier version again (default: the one before the current)',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const server = options.get('server');
    const token =
      typeof options.get('token') === 'string' ? (options.get('token') as string) : process.env['SERVICEFRAME_TOKEN'];
    if (typeof server !== 'string') {
      io.err('give the server: --server http://127.0.0.1:3000');
      return 1;
    }
    if (!token) {
      io.err("give an administrator's login token: --token TOKEN or SERVICEFRAME_TOKEN");
      return 1;
    }
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(new URL(path, server), {
        method,
        // The command speaks English (CONTRACT.md), so it asks the server's refusals in English too.
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': 'en',
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { res, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
    };
    try {
      let seq: number;
      if (positional[0] !== undefined) {
        seq = Number(positional[0]);
        if (!Number.isInteger(seq) || seq < 1) {
          io.err(
            `SEQ must be a version number (seq), as GET /api/definitions/versions lists them; got "${positional[0]}"`,
          );
          return 1;
        }
      } else {
        const { res, body } = await call('GET', '/api/definitions/versions');
        if (!res.ok) return failed(res.status, body, io);
        const rows = body as unknown as VersionRow[];
        const current = rows.find((r) => r.current);
        const before = rows.filter((r) => current && r.seq < current.seq).sort((a, b) => b.seq - a.seq)[0];
        if (!before) {
          io.err('there is no earlier version to roll back to');
          return 1;
        }
        seq = before.seq;
      }
      const note = options.get('note');
      const { res, body } = await call('POST', '/api/definitions/rollback', {
        seq,
        ...(typeof note === 'string' ? { note } : {}),
      });
      if (!res.ok) return failed(res.status, body, io);
      const removed = (body['removed'] as string[] | undefined) ?? [];
      io.out(
        `rolled back: version ${body['seq']} (${body['version']}) publishes the set of version ${seq}${removed.length ? `; removed: ${removed.join(', ')}` : ''}`,
      );
      return 0;
    } catch (e) {
      io.err(`cannot reach ${server}: ${(e as Error).message}`);
      return 1;
    }
  },
};

function failed(status: number, body: Record<string, unknown>, io: { err(line: string): void }): number {
  for (const e of (body['errors'] as { message: string }[] | undefined) ?? []) io.err(e.message);
  io.err(`${status}: ${(body['detail'] as string | undefined) ?? 'refused'}`);
  return 1;
}
