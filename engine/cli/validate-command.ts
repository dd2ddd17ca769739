import { existsSync } from 'node:fs';
import { formatIssue, readDefinitionFiles, validateDefinitions } from '../definitions/index.ts';
import { compileSet } from '../runtime/compile-set.ts';
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
    const result = validateDefinitions(files);
    for (const issue of result.issues) io.err(formatIssue(issue));
    const errors = result.issues.filter((i) => i.severity === 'error').length;
    if (errors === 0) {
      // Compiling proves the set runs, not only that it reads well.
      compileSet(result.docs.map((d) => d.def));
      io.out(`${files.length} files, ${result.docs.length} definitions: valid${result.issues.length ? ` (${result.issues.length} warnings)` : ''}`);
      return 0;
    }
    io.err(`${errors} error${errors === 1 ? '' : 's'}`);
    return 1;
  },
};
