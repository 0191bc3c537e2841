import { S3Error } from '../s3-errors.js';

/**
 * A single `Range: bytes=…` (first-last, first-, -suffix) → inclusive [start, end]. Undefined
 * means the whole object: no header, a syntax S3 ignores, or several ranges (S3 answers those
 * with the whole object too). An unsatisfiable range is InvalidRange (416).
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw unsatisfiable(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size || size === 0) throw unsatisfiable(size);
  return { start, end };
}

function unsatisfiable(size: number): S3Error {
  return new S3Error('InvalidRange', undefined, { ActualObjectSize: String(size) }, undefined, { 'Content-Range': `bytes */${size}` });
}
