import type { Tag } from '../../model/entities.js';
import { childrenNamed, childText } from '../../protocol/rest-xml/xml-reader.js';
import { el, type Xml } from '../../protocol/rest-xml/xml-writer.js';
import type { S3Context } from './s3-context.js';
import { S3Error } from './s3-errors.js';
import { xmlBody } from './request-body.js';

/** Bucket and object tag sets: the Tagging document, the x-amz-tagging header, validation, and the tag condition keys. */

export interface TagLimits {
  max: number;
}

const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
/** C0 controls and DEL: no tag holds them (a NUL would not even fit a PostgreSQL text column). */
// eslint-disable-next-line no-control-regex -- a character-set check: the control characters are the point
const CONTROL = /[\u0000-\u001f\u007f]/;

export function validateTags(tags: readonly Tag[], limits: TagLimits): void {
  if (tags.length > limits.max)
    throw new S3Error(
      'InvalidTag',
      limits.max === 10 ? 'Object tags cannot be greater than 10' : 'Bucket tag count cannot be greater than 50',
    );
  const seen = new Set<string>();
  for (const t of tags) {
    if (t.Key.length === 0 || [...t.Key].length > TAG_KEY_MAX || CONTROL.test(t.Key))
      throw new S3Error('InvalidTag', 'The TagKey you have provided is invalid');
    if ([...t.Value].length > TAG_VALUE_MAX || CONTROL.test(t.Value))
      throw new S3Error('InvalidTag', 'The TagValue you have provided is invalid');
    if (t.Key.toLowerCase().startsWith('aws:')) throw new S3Error('InvalidTag', 'System tags cannot be added/updated by requester');
    if (seen.has(t.Key)) throw new S3Error('InvalidTag', 'Cannot provide multiple Tags with the same key');
    seen.add(t.Key);
  }
}

/** `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>` */
export function tagsFromXml(ctx: S3Context): Tag[] {
  const doc = xmlBody(ctx, 'Tagging');
  const set = childrenNamed(doc, 'TagSet');
  if (set.length !== 1) throw new S3Error('MalformedXML');
  return childrenNamed(set[0]!, 'Tag').map((t) => {
    const Key = childText(t, 'Key');
    const Value = childText(t, 'Value') ?? '';
    if (Key === undefined) throw new S3Error('MalformedXML');
    return { Key, Value };
  });
}

export function tagsXml(tags: readonly Tag[]): Xml {
  return el(
    'TagSet',
    tags.map((t) => el('Tag', [el('Key', t.Key), el('Value', t.Value)])),
  );
}

/** x-amz-tagging: `k1=v1&k2=v2`, URL-encoded. */
export function tagsFromHeader(value: string): Tag[] {
  const tags: Tag[] = [];
  for (const [Key, Value] of new URLSearchParams(value)) tags.push({ Key, Value });
  return tags;
}

/** s3:RequestObjectTag/<k> and s3:RequestObjectTagKeys for tags a request sets. */
export function requestTagContext(tags: readonly Tag[]): Record<string, string | string[]> {
  const ctx: Record<string, string | string[]> = { 's3:RequestObjectTagKeys': tags.map((t) => t.Key) };
  for (const t of tags) ctx[`s3:RequestObjectTag/${t.Key}`] = t.Value;
  return ctx;
}

/** s3:ExistingObjectTag/<k> for an object's current tags. */
export function existingTagContext(tags: readonly Tag[]): Record<string, string> {
  const ctx: Record<string, string> = {};
  for (const t of tags) ctx[`s3:ExistingObjectTag/${t.Key}`] = t.Value;
  return ctx;
}
