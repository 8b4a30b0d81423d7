/**
 * Made-up names for the benches' synthetic texts (drugs, conditions): `n` names of three
 * syllables each, in a fixed order, so that a library or a workspace of any size has words that
 * are in few texts, the way a desk's real vocabulary spreads.
 */
export function madeUpNames(syllables: readonly string[], n: number, suffix: string): string[] {
  const k = syllables.length;
  return Array.from({ length: n }, (_, i) => {
    const a = syllables[i % k] ?? "";
    const b = syllables[Math.floor(i / k) % k] ?? "";
    const c = syllables[Math.floor(i / k ** 2) % k] ?? "";
    return `${a}${b}${c}${suffix}`;
  });
}
