// @ts-check
import { h, when } from '../dom.js';
import { searchableTable } from './table.js';
import { listAll } from './iam-kit.js';

/**
 * Choosing managed policies: every policy of the account and AWS's (ListPolicies, all pages) in a
 * searchable table with a checkbox per row, as AWS's "Add permissions" page. The ticked ARNs
 * live in `selected`, so they survive searching, paging and going back and forth in a wizard.
 *
 * @param {{ selected: Set<string>, exclude?: Set<string>, label?: string, onChange?: () => void }} o
 * @returns {Promise<{ element: HTMLElement, policies: any[] }>}
 */
export async function policyPicker(o) {
  const policies = (await listAll('ListPolicies', 'Policies', { Scope: 'All' })).filter((p) => !o.exclude?.has(p.Arn));
  policies.sort((a, b) => String(a.PolicyName).localeCompare(String(b.PolicyName)));
  const element = searchableTable({
    label: o.label ?? 'permissions policies',
    rows: policies,
    pageSize: 25,
    columns: [
      {
        title: 'Select',
        text: () => '',
        cell: (p) => {
          const box = h('input', { type: 'checkbox', 'aria-label': p.PolicyName, checked: o.selected.has(p.Arn) });
          box.addEventListener('change', () => {
            if (/** @type {HTMLInputElement} */ (box).checked) o.selected.add(p.Arn);
            else o.selected.delete(p.Arn);
            o.onChange?.();
          });
          return box;
        },
      },
      { title: 'Policy name', cell: (p) => p.PolicyName },
      { title: 'Type', cell: (p) => policyType(p.Arn) },
      { title: 'Attached entities', cell: (p) => p.AttachmentCount ?? '0' },
      { title: 'Updated', cell: (p) => when(p.UpdateDate) },
    ],
  });
  return { element, policies };
}

/** `AWS managed` for arn:aws:iam::aws:policy/…, else `Customer managed`. @param {string} arn */
export function policyType(arn) {
  return /^arn:[^:]+:iam::aws:policy\//.test(arn) ? 'AWS managed' : 'Customer managed';
}

/** The name at the end of a policy ARN. @param {string} arn */
export function policyNameOf(arn) {
  return arn.slice(arn.lastIndexOf('/') + 1);
}
