import { existsSync } from 'node:fs';
import { readDefinitionFiles } from '../engine/definitions/index.ts';
import { parseArgs, type Command } from './command.ts';

/**
 * `serviceframe publish DIR --server URL [--token TOKEN] [--note TEXT] [--remove Kind/name,…]`:
 * sends the YAML files to POST /api/definitions. DIR is the whole set; a published definition it
 * lacks is refused unless --remove names it. The token comes from --token or SERVICEFRAME_TOKEN
 * (an administrator's login). Prints each problem as PATH:LINE:COLUMN: message, as `validate` does.
 */
export const publishCommand: Command = {
  name: 'publish',
  usage:
    'publish DIR --server URL [--token T] [--note TEXT] [--remove Kind/name,...]   publish the whole set in DIR to a running server (token: SERVICEFRAME_TOKEN)',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const dir = positional[0] ?? 'definitions';
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
    if (!existsSync(dir)) {
      io.err(`${dir}: no such directory`);
      return 1;
    }
    const files = readDefinitionFiles(dir);
    const note = options.get('note');
    const remove = options.get('remove');
    let res: Response;
    try {
      res = await fetch(new URL('/api/definitions', server), {
        method: 'POST',
        // The command speaks English (CONTRACT.md), so it asks the server's refusals in English too.
        headers: { 'content-type': 'application/json', 'accept-language': 'en', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          files,
          ...(typeof note === 'string' ? { note } : {}),
          ...(typeof remove === 'string'
            ? {
                remove: remove
                  .split(',')
                  .map((r) => r.trim())
                  .filter(Boolean),
              }
            : {}),
        }),
      });
    } catch (e) {
      io.err(`cannot reach ${server}: ${(e as Error).message}`);
      return 1;
    }
    const body = (await res.json().catch(() => ({}))) as {
      seq?: number;
      version?: string;
      unchanged?: boolean;
      removed?: string[];
      detail?: string;
      errors?: { message: string }[];
    };
    if (res.ok) {
      const removed = body.removed?.length ? `; removed: ${body.removed.join(', ')}` : '';
      io.out(
        body.unchanged
          ? `unchanged: version ${body.seq} (${body.version}) is already published`
          : `published version ${body.seq} (${body.version}) from ${files.length} files${removed}`,
      );
      return 0;
    }
    for (const e of body.errors ?? []) io.err(e.message);
    io.err(`${res.status}: ${body.detail ?? res.statusText}`);
    return 1;
  },
};
