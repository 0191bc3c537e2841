import type { Body, Draft } from './draft.js';

/**
 * Greedy shrinking of a failing request: drop post-signing changes, HTTP damage, query
 * parameters, headers, form parameters; halve long values and bodies — keeping each change
 * while the server still answers with the same 5xx signature. Every candidate is re-signed.
 */
export type StillFails = (draft: Draft) => Promise<boolean>;

function candidates(d: Draft): Draft[] {
  const out: Draft[] = [];
  const with_ = (patch: Partial<Draft>): Draft => ({ ...d, ...patch, mutations: d.mutations });
  if (d.raw) out.push(with_({ raw: undefined }));
  if (d.contentLength !== undefined) out.push(with_({ contentLength: undefined }));
  if (d.host !== undefined) out.push(with_({ host: undefined }));
  d.post.forEach((_, i) => out.push(with_({ post: d.post.filter((__, j) => j !== i) })));
  if (d.sign.kind !== 'none' && d.sign.kind !== 'sigv2' && 'skewMs' in d.sign && d.sign.skewMs)
    out.push(with_({ sign: { ...d.sign, skewMs: 0 } }));
  d.query.forEach((_, i) => out.push(with_({ query: d.query.filter((__, j) => j !== i) })));
  d.headers.forEach((_, i) => out.push(with_({ headers: d.headers.filter((__, j) => j !== i) })));
  const body = d.body;
  if (body.kind === 'form')
    body.params.forEach((_, i) => out.push(with_({ body: { ...body, params: body.params.filter((__, j) => j !== i) } })));
  if (body.kind === 'bytes' && body.data.length > 0) {
    out.push(with_({ body: { kind: 'bytes', data: Buffer.alloc(0) } }));
    if (body.data.length > 64) out.push(with_({ body: { kind: 'bytes', data: body.data.subarray(0, Math.floor(body.data.length / 2)) } }));
  }
  if (body.kind === 'chunked' && body.data.length > 1) {
    const data = body.data.subarray(0, Math.max(1, Math.floor(body.data.length / 2)));
    const b: Body = { ...body, data, sizes: [data.length] };
    out.push(with_({ body: b }));
  }
  // Halve long values (query, headers, form).
  const halve = (v: string | undefined) =>
    v !== undefined && v.length > 48 ? v.slice(0, Math.ceil(v.length / 2)).replace(/%[0-9A-Fa-f]?$/, '') : undefined;
  d.query.forEach(([k, v], i) => {
    const h = halve(v);
    if (h !== undefined) out.push(with_({ query: d.query.map((p, j) => (j === i ? [k, h] : p)) }));
  });
  d.headers.forEach(([k, v], i) => {
    const h = halve(v);
    if (h !== undefined) out.push(with_({ headers: d.headers.map((p, j) => (j === i ? [k, h] : p)) }));
  });
  if (body.kind === 'form') {
    body.params.forEach(([k, v], i) => {
      const h = halve(v);
      if (h !== undefined) out.push(with_({ body: { ...body, params: body.params.map((p, j) => (j === i ? [k, h] : p)) } }));
    });
  }
  return out;
}

export async function minimise(
  start: Draft,
  stillFails: StillFails,
  budget: { attempts: number; deadline: number },
): Promise<{ draft: Draft; attempts: number }> {
  let best = start;
  let attempts = 0;
  let improved = true;
  while (improved && attempts < budget.attempts && Date.now() < budget.deadline) {
    improved = false;
    for (const c of candidates(best)) {
      if (attempts >= budget.attempts || Date.now() >= budget.deadline) break;
      attempts++;
      if (await stillFails(c)) {
        best = c;
        improved = true;
        break;
      }
    }
  }
  return { draft: best, attempts };
}
