import { saidIssue, type DefinitionIssue } from '../../engine/definitions/definition-error.ts';
import type { Definition } from '../../engine/definitions/kind.ts';
import type { LoadResult, SourceFile } from '../../engine/definitions/load-definitions.ts';
import { parseYamlSource } from '../../engine/definitions/yaml-source.ts';

type Parsed = ReturnType<typeof parseYamlSource>;

/**
 * The YAML of every file parsed, with syntax errors as issues (the engine's own parser, so the same
 * message at the same place as the server's): what the browser checks at once, and what the
 * preview and the file list are drawn from. Each file is parsed again only when its text changed.
 */
export class ParseCache {
  private readonly cache = new Map<string, { text: string; parsed: Parsed }>();

  parse(files: readonly SourceFile[]): LoadResult {
    const docs: { def: Definition; source: Parsed['documents'][number] }[] = [];
    const issues: DefinitionIssue[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      seen.add(file.path);
      let hit = this.cache.get(file.path);
      if (!hit || hit.text !== file.text)
        this.cache.set(file.path, (hit = { text: file.text, parsed: parseYamlSource(file.path, file.text) }));
      for (const p of hit.parsed.problems)
        issues.push(saidIssue({ code: 'SYNTAX', severity: 'error', pointer: '', at: p.at }, p.said));
      for (const source of hit.parsed.documents) {
        const value = source.value as Partial<Definition> | null;
        if (value && typeof value === 'object' && typeof value.kind === 'string' && value.spec)
          docs.push({ def: value as Definition, source });
      }
    }
    for (const path of this.cache.keys()) if (!seen.has(path)) this.cache.delete(path);
    return { docs, issues, index: undefined as never };
  }
}
