import type { WorkflowSpec } from '../engine/workflows/workflow-model.ts';
import { workflowToMermaid } from '../engine/workflows/diagram-mermaid.ts';
import { workflowToSvg } from '../engine/workflows/diagram-svg.ts';
import { parseArgs, type Command } from './command.ts';
import { loadSetOrReport } from './load-set.ts';

export const diagramCommand: Command = {
  name: 'diagram',
  usage: 'diagram WORKFLOW [--format mermaid|svg] [--definitions DIR] [--locale zh-CN|en]   print the state diagram',
  async run(args, io) {
    const { positional, options } = parseArgs(args);
    const name = positional[0];
    const dir = typeof options.get('definitions') === 'string' ? (options.get('definitions') as string) : 'definitions';
    const format = options.get('format') ?? 'mermaid';
    const locale = options.get('locale') === 'en' ? 'en' : 'zh-CN';
    if (format !== 'mermaid' && format !== 'svg') {
      io.err(`unknown format "${String(format)}" (mermaid or svg)`);
      return 1;
    }
    const loaded = loadSetOrReport(dir, io);
    if (!loaded) return 1;
    const names = [...loaded.set.workflows.keys()].sort();
    if (!name) {
      io.err(`name a workflow: ${names.join(', ')}`);
      return 1;
    }
    const wf = loaded.set.workflows.get(name);
    if (!wf) {
      io.err(`unknown workflow "${name}" (known: ${names.join(', ')})`);
      return 1;
    }
    const spec: WorkflowSpec = wf.spec;
    io.out(format === 'svg' ? workflowToSvg(spec, { locale }) : workflowToMermaid(spec, { locale }));
    return 0;
  },
};
