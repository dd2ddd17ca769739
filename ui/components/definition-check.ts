import type { DefinitionIssue } from '../../engine/definitions/definition-error.ts';
import type { SourceFile } from '../../engine/definitions/load-definitions.ts';
import { say, sayIn } from '../../engine/definitions/said.ts';
import type { ApiClient } from '../api/client.ts';
import type { Validation } from '../api/types.ts';

/** One problem as the server gives it (a problem document's field, or one of /validate's lists). */
export type ServerIssue = Validation['errors'][number];

/** The warning mark the server's one-line messages begin with, in either language (formatIssueIn adds it back). */
const WARNING = new RegExp(`^(${[sayIn(say('_warning'), 'en'), sayIn(say('_warning'), 'zh-CN')].join('|')})`);

/**
 * The server's issues in the editor's form; the message without its `PATH:LINE:COLUMN: ` prefix (formatIssue adds it
 * back).
 */
export function toIssues(list: readonly ServerIssue[], severity: 'error' | 'warning'): DefinitionIssue[] {
  return list.map((x) => ({
    code: x.code ?? 'server',
    severity,
    pointer: x.path ?? '',
    at: { file: x.file ?? '', line: x.line ?? 1, column: x.column ?? 1 },
    message: x.message.replace(/^[^:]+:\d+:\d+: /, '').replace(WARNING, ''),
  }));
}

/**
 * The server's check of the files as edited (POST /api/definitions/validate: publishing's own
 * validation, so what it says is what publishing would say). A new check cancels the one before:
 * only the answer for the latest text counts.
 */
export class LatestCheck {
  private controller: AbortController | undefined;

  /** The issues, or undefined when a later check replaced this one. */
  async run(client: ApiClient, files: readonly SourceFile[]): Promise<DefinitionIssue[] | undefined> {
    this.controller?.abort();
    const controller = (this.controller = new AbortController());
    try {
      const answer = await client.request<Validation>('POST', '/api/definitions/validate', {
        body: { files },
        signal: controller.signal,
      });
      if (controller.signal.aborted) return undefined;
      return [...toIssues(answer.errors, 'error'), ...toIssues(answer.warnings, 'warning')];
    } catch (error) {
      if (controller.signal.aborted) return undefined;
      throw error;
    }
  }

  cancel() {
    this.controller?.abort();
  }
}
