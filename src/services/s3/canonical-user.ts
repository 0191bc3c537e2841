import { createHash } from 'node:crypto';
import { el, type Xml } from '../../protocol/rest-xml/xml-writer.js';

/**
 * S3's 64-hex canonical user id. keysmith derives it from the account id, so an account has one
 * stable id without storing it.
 */
export function canonicalUserId(accountId: string): string {
  return createHash('sha256').update(`keysmith-canonical-user:${accountId}`).digest('hex');
}

export function ownerXml(accountId: string, name = 'Owner'): Xml {
  return el(name, [el('ID', canonicalUserId(accountId))]);
}
