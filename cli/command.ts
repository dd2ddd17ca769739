/** A `serviceframe` sub-command: parses its own arguments, prints, returns the exit code. */
export interface Command {
  readonly name: string;
  readonly usage: string;
  run(args: readonly string[], io: CliIO): Promise<number>;
}

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
}

/** `--name value` and `--flag` options, the rest positional. */
export function parseArgs(args: readonly string[]): { positional: string[]; options: Map<string, string | true> } {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      const next = args[i + 1];
      if (inline !== undefined) options.set(key!, inline);
      else if (next !== undefined && !next.startsWith('--')) {
        options.set(key!, next);
        i++;
      } else options.set(key!, true);
    } else positional.push(a);
  }
  return { positional, options };
}
