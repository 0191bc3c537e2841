import { el, Xml } from './xml-writer.js';

/**
 * S3's error document: not namespaced, Code, Message, then any extra fields (BucketName, Key,
 * Condition…), Resource and the request ids.
 */
export function encodeS3Error(
  code: string,
  message: string,
  fields: Readonly<Record<string, string>>,
  resource: string | undefined,
  requestId: string,
  hostId: string,
): string {
  const parts: Xml[] = [el('Code', code), el('Message', message)];
  for (const [name, value] of Object.entries(fields)) parts.push(el(name, value));
  if (resource !== undefined) parts.push(el('Resource', resource));
  parts.push(el('RequestId', requestId), el('HostId', hostId));
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('Error', parts).text}`;
}
