/** One line of `npm run bench` (CONTRACT.md): ratio > 1 means better than the baseline of the same run. */
export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline?: string;
  readonly ratio?: number;
  readonly peer?: string;
}
