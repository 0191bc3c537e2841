/**
 * The condition keys a policy reads, for GetContextKeysFor*Policy: every key named in a
 * Condition block and every policy variable (`${aws:username}`, `${aws:PrincipalTag/team}`,
 * `${s3:prefix, 'default'}`) in Resource/NotResource and in condition values, in the order they
 * are written — AWS's example lists `aws:username` (from the Resource) before `aws:CurrentTime`
 * (from the Condition that follows it). Variables count only in Version 2012-10-17, where they
 * exist; `${*}`, `${?}` and `${$}` are escapes, not keys. The document has already passed
 * validation, so it is well-formed JSON.
 */
export function contextKeysOf(text: string, out: Map<string, string>): void {
  const doc = JSON.parse(text) as Record<string, unknown>;
  const variables = doc.Version === '2012-10-17';
  const note = (key: string): void => {
    if (!out.has(key.toLowerCase())) out.set(key.toLowerCase(), key);
  };
  const noteVariables = (value: unknown): void => {
    for (const s of strings(value)) {
      for (const m of s.matchAll(/\$\{([^}]*)\}/g)) {
        const name = m[1]!.split(',')[0]!.trim();
        if (name !== '' && name !== '*' && name !== '?' && name !== '$') note(name);
      }
    }
  };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const st of statements) {
    if (typeof st !== 'object' || st === null) continue;
    for (const [element, value] of Object.entries(st as Record<string, unknown>)) {
      if ((element === 'Resource' || element === 'NotResource') && variables) noteVariables(value);
      if (element !== 'Condition' || typeof value !== 'object' || value === null) continue;
      for (const block of Object.values(value as Record<string, unknown>)) {
        if (typeof block !== 'object' || block === null) continue;
        for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
          note(key);
          if (variables) noteVariables(values);
        }
      }
    }
  }
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
