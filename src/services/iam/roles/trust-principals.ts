import { AwsError } from '../../../errors/aws-error.js';
import { parseArn, splitIamResource } from '../../../model/arns.js';
import type { Store } from '../../../storage/store.js';

/**
 * IAM refuses a trust policy naming an IAM user or role that does not exist (§4.2):
 * MalformedPolicyDocument `Invalid principal in policy: "AWS":"<arn>"`. Checked for accounts this
 * server holds; principals of accounts it does not know cannot be verified and are accepted.
 * Runs after the grammar check, so the document is known to be well-formed JSON.
 */
export async function checkTrustPrincipalsExist(store: Store, document: string): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    return;
  }
  for (const arn of awsPrincipals(parsed)) {
    const p = parseArn(arn);
    if (!p || p.service !== 'iam' || !/^\d{12}$/.test(p.account)) continue;
    const parts = splitIamResource(p.resource);
    if (!parts || (parts.type !== 'user' && parts.type !== 'role')) continue;
    if (!(await store.accounts.get(p.account))) continue;
    const entity =
      parts.type === 'user' ? await store.users.getByName(p.account, parts.name) : await store.roles.getByName(p.account, parts.name);
    if (!entity || entity.arn !== arn) {
      throw new AwsError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":"${arn}"`);
    }
  }
}

/** Every string under Principal.AWS / NotPrincipal.AWS of every statement. */
function awsPrincipals(doc: unknown): string[] {
  if (!doc || typeof doc !== 'object') return [];
  const raw = (doc as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : [raw];
  const out: string[] = [];
  for (const s of statements) {
    if (!s || typeof s !== 'object') continue;
    for (const key of ['Principal', 'NotPrincipal']) {
      const principal = (s as Record<string, unknown>)[key];
      if (!principal || typeof principal !== 'object') continue;
      const aws = (principal as Record<string, unknown>).AWS;
      for (const v of Array.isArray(aws) ? aws : [aws]) if (typeof v === 'string') out.push(v);
    }
  }
  return out;
}
