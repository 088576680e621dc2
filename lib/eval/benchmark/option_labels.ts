/**
 * Option labels of multiple-choice samples, EvalScope's scheme: A–Z, then `1`, `2`, … from the
 * 27th option on. Prompts print them and extractors accept them, so both read this one module.
 *
 * @module
 */

/** The label of option `index` (from 0). */
export function optionLabel(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : String(index - 25);
}

const byCount: (readonly string[])[] = [];

/** The labels of `count` options, in order. One shared frozen array per count: every sample of a
 * benchmark asks for the same few lists, twice (its prompt and its extraction). */
export function optionLabels(count: number): readonly string[] {
  let labels = byCount[count];
  if (labels === undefined) {
    labels = Object.freeze(Array.from({ length: count }, (_, i) => optionLabel(i)));
    if (count <= 64) byCount[count] = labels;
  }
  return labels;
}
