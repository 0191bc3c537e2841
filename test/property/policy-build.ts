import { parsePolicy, type PolicyRef, type PolicySet } from '../../src/policy/index.js';
import type { RefPolicies } from './reference-evaluator.js';
import type { Doc, DocSet } from './policy-arbitraries.js';

/** Compile a generated DocSet for the engine, and hand the same documents to the reference evaluator. */
let counter = 0;
function ref(doc: Doc, kind: Parameters<typeof parsePolicy>[1]): PolicyRef {
  return { id: `p${counter++}`, policy: parsePolicy(JSON.stringify(doc), kind) };
}

export function compileSet(s: DocSet): PolicySet {
  const out: PolicySet = { identity: s.identity.map((d) => ref(d, 'identity')) };
  if (s.resource) out.resource = ref(s.resource.doc, s.resource.kind);
  if (s.boundary) out.boundary = s.boundary.map((d) => ref(d, 'boundary'));
  if (s.session) out.session = s.session.map((d) => ref(d, 'session'));
  if (s.scps) out.scps = s.scps.map((l) => l.map((d) => ref(d, 'scp')));
  if (s.rcps) out.rcps = s.rcps.map((l) => l.map((d) => ref(d, 'rcp')));
  return out;
}

export function referenceSet(s: DocSet): RefPolicies {
  const out: RefPolicies = { identity: s.identity };
  if (s.resource) {
    out.resource = s.resource.doc;
    out.resourceIsTrust = s.resource.kind === 'trust';
  }
  if (s.boundary) out.boundary = s.boundary;
  if (s.session) out.session = s.session;
  if (s.scps) out.scps = s.scps;
  if (s.rcps) out.rcps = s.rcps;
  return out;
}
