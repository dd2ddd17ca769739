import { readDefinitionFiles, type SourceFile } from '../../../engine/definitions/index.ts';
import { fixtureFiles } from '../../server/server-support.ts';

/** Version A: the server fixtures with an on-site time limit of 24 hours on tickets. */
export function versionA(): SourceFile[] {
  return [...fixtureFiles(), ...readDefinitionFiles('tests/fixtures/migration')];
}

const edit = (files: SourceFile[], ending: string, change: (text: string) => string): SourceFile[] =>
  files.map((f) => (f.path.endsWith(ending) ? { ...f, text: change(f.text) } : f));

/** The on-site limit shortened to 12 hours: nothing else changes (recompute clocks only). */
export function shorterOnSite(files = versionA()): SourceFile[] {
  return edit(files, 'ticket-on-site.yaml', (t) => t.replace('duration: 24h', 'duration: 12h'));
}

/**
 * Version B of the ticket workflow: `open` renamed `registered` (its 4-hour timer now 2 hours), and
 * a `parked` state no event leaves (reached by `park`), for refused mappings.
 */
export function renamedOpen(files = versionA()): SourceFile[] {
  return edit(files, 'engine/workflows.yaml', (t) => {
    const [ticket, ...rest] = t.split('\n---\n');
    const changed = ticket!
      .replace('initial: open', 'initial: registered')
      .replace(
        '    open:\n      on:\n',
        '    registered:\n      on:\n        park: { allow: [ { role: lead } ], target: parked }\n',
      )
      .replace('- { delay: 4h, calendar: work, stay: true', '- { delay: 2h, calendar: work, stay: true')
      .replace('    waiting-hq:\n', '    parked: {}\n    waiting-hq:\n');
    return [changed, ...rest].join('\n---\n');
  });
}

/** The ticket form's customer name limited to 6 characters: cases registered with longer names are refused. */
export function shortNames(files = versionA()): SourceFile[] {
  return edit(files, 'engine/forms.yaml', (t) =>
    t.replace(
      '{ name: customerName, type: text, label: Customer, required: true }',
      '{ name: customerName, type: text, label: Customer, required: true, maxLength: 6 }',
    ),
  );
}
