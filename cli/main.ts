import type { CliIO, Command } from './command.ts';
import { auditCommand } from './audit-command.ts';
import { backupCommand } from './backup-command.ts';
import { copyDataCommand } from './copy-data-command.ts';
import { coverageCommand } from './coverage-command.ts';
import { diagramCommand } from './diagram-command.ts';
import { impactCommand } from './impact-command.ts';
import { publishCommand } from './publish-command.ts';
import { restoreCommand } from './restore-command.ts';
import { migrateCasesCommand } from './migrate-cases-command.ts';
import { rollbackCommand } from './rollback-command.ts';
import { schedulesCommand } from './schedules-command.ts';
import { serveCommand } from './serve-command.ts';
import { simulateCommand } from './simulate-command.ts';
import { validateCommand } from './validate-command.ts';

const commands = new Map<string, Command>();
export function registerCommand(c: Command): void {
  commands.set(c.name, c);
}
for (const c of [
  validateCommand,
  simulateCommand,
  coverageCommand,
  diagramCommand,
  auditCommand,
  backupCommand,
  restoreCommand,
  copyDataCommand,
  serveCommand,
  publishCommand,
  rollbackCommand,
  schedulesCommand,
  impactCommand,
  migrateCasesCommand,
])
  registerCommand(c);

const stdio: CliIO = {
  out: (line) => process.stdout.write(line.endsWith('\n') ? line : line + '\n'),
  err: (line) => process.stderr.write(line.endsWith('\n') ? line : line + '\n'),
};

/** The `serviceframe` command line; returns the exit code. */
export async function main(args: readonly string[], io: CliIO = stdio): Promise<number> {
  const [name, ...rest] = args;
  const command = name ? commands.get(name) : undefined;
  if (!command) {
    if (name && name !== 'help' && name !== '--help') io.err(`unknown command "${name}"`);
    io.err('usage: serviceframe COMMAND\n' + [...commands.values()].map((c) => `  ${c.usage}`).join('\n'));
    return name && name !== 'help' && name !== '--help' ? 1 : 0;
  }
  return command.run(rest, io);
}
