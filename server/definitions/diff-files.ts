/** Files added, removed and changed between two versions, each change as unified-style lines. */
export function diffFiles(a: readonly { path: string; text: string }[], b: readonly { path: string; text: string }[]) {
  const before = new Map(a.map((f) => [f.path, f.text]));
  const after = new Map(b.map((f) => [f.path, f.text]));
  const out: { path: string; change: 'added' | 'removed' | 'changed'; lines: string[] }[] = [];
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(path);
    const y = after.get(path);
    if (x === y) continue;
    if (x === undefined) out.push({ path, change: 'added', lines: y!.split('\n').map((l) => `+${l}`) });
    else if (y === undefined) out.push({ path, change: 'removed', lines: x.split('\n').map((l) => `-${l}`) });
    else out.push({ path, change: 'changed', lines: diffLines(x.split('\n'), y.split('\n')) });
  }
  return out;
}

/** A line diff by longest common subsequence; unchanged lines are left out except as context markers. */
function diffLines(x: string[], y: string[]): string[] {
  // Trim the common head and tail first: definition edits are usually small.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const a = x.slice(head, x.length - tail);
  const b = y.slice(head, y.length - tail);
  if (a.length * b.length > 4_000_000)
    return [`@@ line ${head + 1} @@`, ...a.map((l) => `-${l}`), ...b.map((l) => `+${l}`)];
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out = [`@@ line ${head + 1} @@`];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push(` ${a[i]}`);
      i++;
      j++;
    } else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) out.push(`+${b[j++]}`);
    else out.push(`-${a[i++]}`);
  }
  return out;
}
