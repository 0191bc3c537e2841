/**
 * The one flat, internalized copy of a string that V8 keeps for property names.
 *
 * Policy text reaches the compiled form as slices of the document (the JSON reader's strings,
 * regular-expression captures). V8 compares a slice with another string in a slow runtime
 * routine (String::SlowEquals was about 3 % of a decision's profile), where two flat strings
 * compare inline, and two internalized ones by pointer. So the strings a decision compares
 * with `===` or looks up in a Set — condition-key names, policy-variable names, principals —
 * go through here once, at compile time. Correctness never depends on it: a string that is
 * not internalized compares the same, only slower.
 *
 * Making the copy costs about 0.2 µs (an object with the string as its property name), so
 * copies are remembered: policies name the same few keys and principals again and again. The
 * map's keys are the flat copies themselves, so it never keeps a policy document alive.
 */
const copies = new Map<string, string>();

export function flat(s: string): string {
  let copy = copies.get(s);
  if (copy === undefined) {
    copy = internalize(s);
    if (copies.size >= 10_000) copies.clear();
    copies.set(copy, copy);
  }
  return copy;
}

function internalize(s: string): string {
  const holder: Record<string, 0> = { [s]: 0 };
  for (const k in holder) return k;
  return s;
}
