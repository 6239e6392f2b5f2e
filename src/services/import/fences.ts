const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * For each line, whether it is a code fence delimiter or lies inside a fenced block: the lines that
 * line-level scans (split points, <details> blocks, relevant sections) must pass over.
 */
export function fencedLines(lines: readonly string[]): boolean[] {
  const fenced: boolean[] = [];
  let fence: string | undefined;
  for (const line of lines) {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      fenced.push(true);
      if (marker?.startsWith(fence)) fence = undefined;
    } else if (marker) {
      fenced.push(true);
      fence = marker.slice(0, 3);
    } else {
      fenced.push(false);
    }
  }
  return fenced;
}
