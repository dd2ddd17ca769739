import { createRegistry } from '../registry.ts';
import type { ActionType } from './action-type.ts';
import { assignAction } from './assign-action.ts';
import { clockAction } from './clock-action.ts';
import { escalateAction } from './escalate-action.ts';
import { notifyAction } from './notify-action.ts';
import { scoreAction } from './score-action.ts';
import { setAction } from './set-action.ts';
import { signalAction } from './signal-action.ts';
import { startCaseAction } from './start-case-action.ts';
import { userFactAction } from './user-fact-action.ts';
import { watchAction } from './watch-action.ts';

export type { ActionType } from './action-type.ts';

/** The closed vocabulary of workflow actions; a new action is one file plus one line here. */
export const actions = createRegistry<ActionType>();
for (const a of [
  setAction,
  assignAction,
  notifyAction,
  clockAction,
  scoreAction,
  startCaseAction,
  signalAction,
  escalateAction,
  watchAction,
  userFactAction,
]) {
  actions.register(a.type, a);
}
