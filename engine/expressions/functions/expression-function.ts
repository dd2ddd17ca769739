/** One function of the expression vocabulary. Arguments arrive evaluated (projections unwrapped). */
export interface ExpressionFunction {
  readonly name: string;
  readonly minArgs: number;
  /** Omitted: any number. */
  readonly maxArgs?: number;
  readonly description: string;
  call(args: readonly unknown[], env: ExpressionEnv): unknown;
}

/** What the caller supplies besides the scope; the clock comes from here, never from Date.now(). */
export interface ExpressionEnv {
  /** ISO 8601 instant that `now` stands for. */
  readonly now?: string;
}
