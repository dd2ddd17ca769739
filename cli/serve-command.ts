import { DefinitionError, formatIssue } from '../engine/definitions/index.ts';
import type { Command } from './command.ts';

/**
 * `serviceframe serve`: what `npm start` runs. The CLI is the composition root, so this command
 * (and only it) reaches into server/; the engine proper never imports it.
 */
export const serveCommand: Command = {
  name: 'serve',
  usage:
    'serve                     run the server (PORT, HOST, DATA_DIR or DATABASE_URL, DEFINITIONS_DIR, SERVICEFRAME_* from the environment)',
  async run(_args, io) {
    const { optionsFromEnv, startServer } = await import('../server/start.ts');
    let running;
    try {
      running = await startServer(optionsFromEnv());
    } catch (e) {
      if (e instanceof DefinitionError) {
        for (const issue of e.issues) io.err(formatIssue(issue));
        io.err('the definitions are invalid: not starting');
        return 1;
      }
      io.err(e instanceof Error ? e.message : String(e));
      return 1;
    }
    await new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        io.err(`${signal}: finishing requests in flight, then stopping`);
        void running.close().then(resolve);
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
    });
    return 0;
  },
};
