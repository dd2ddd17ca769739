import { existsSync } from 'node:fs';
import { formatIssue, readDefinitionFiles, validateSet } from '../engine/definitions/index.ts';
import { compileSet } from '../engine/runtime/compile-set.ts';
import { parseArgs, type Command } from './command.ts';

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate [DIR]            check every definition (default: definitions)',
  async run(args, io) {
    const dir = parseArgs(args).positional[0] ?? 'definitions';
    if (!existsSync(dir)) {
      io.err(`${dir}: no such directory`);
      return 1;
    }
    const files = readDefinitionFiles(dir);
    const result = validateSet(files);
    // The problems and the summary are one report, on one stream and in that order (like tsc and
    // eslint): stdout. Only a command that cannot start (no directory) writes to stderr.
    for (const issue of result.issues) io.out(formatIssue(issue));
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    const warnings = result.issues.length - errors;
    const counted = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
    if (errors === 0) {
      // Compiling proves the set runs, not only that it reads well. A failure here is a gap in
      // the checks above; it is still said in one line, never as a stack trace.
      try {
        compileSet(result.docs.map((d) => d.def));
      } catch (e) {
        io.out(`${files[0]?.path ?? dir}:1:1: the set does not compile: ${(e as Error).message}`);
        return 1;
      }
      io.out(
        `${files.length} files, ${result.docs.length} definitions: valid${warnings ? ` (${counted(warnings, 'warning')})` : ''}`,
      );
      return 0;
    }
    io.out(`${counted(errors, 'error')}${warnings ? `, ${counted(warnings, 'warning')}` : ''}`);
    return 1;
  },
};
