import { InvalidConditionValue, op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * Date operators. Both sides may be W3C ISO 8601 (`2020-01-01`, `2020-01-01T00:00:01Z`,
 * `…+02:00`, fractions of a second) or epoch seconds (`aws:EpochTime`); both are normalised to
 * milliseconds since the epoch and compared as instants, never as strings. Like IAM's own
 * parser, a value containing `T` or `-` is ISO 8601, anything else must be epoch seconds. A
 * time without a zone is UTC. No variables.
 */
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt](\d{2})(?::(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;
const EPOCH = /^\d{1,19}(?:\.\d+)?$/;
const MAX_MS = 8.64e15; // ECMAScript's Date range

export function parseDate(input: string): number | undefined {
  const s = input.trim();
  if (!/[tT-]/.test(s)) {
    if (!EPOCH.test(s)) return undefined;
    const ms = Number(s) * 1000;
    return ms <= MAX_MS ? ms : undefined;
  }
  const m = ISO.exec(s);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.round(fraction * 1000);
  // Date.UTC maps years 0–99 to 1900–1999; put them back.
  if (year < 100) ms = shiftYear(ms, year);
  const zone = m[8];
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (zh > 23 || zm > 59) return undefined;
    ms -= sign * (zh * 60 + zm) * 60_000;
  }
  return ms;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function shiftYear(ms: number, year: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(year);
  return d.getTime();
}

function compileDate(cmp: (request: number, policy: number) => boolean) {
  return (values: readonly string[]): ValueTest => {
    const dates = values.map((v) => {
      const d = parseDate(v);
      if (d === undefined) throw new InvalidConditionValue(`not a date: ${v}`);
      return d;
    });
    return (r) => {
      const x = parseDate(r);
      if (x === undefined) return undefined;
      for (const d of dates) if (cmp(x, d)) return true;
      return false;
    };
  };
}

const eq = (a: number, b: number) => a === b;

export const DATE_OPERATORS: readonly BaseOperator[] = [
  op('DateEquals', false, false, compileDate(eq)),
  op('DateNotEquals', true, false, compileDate(eq)),
  op(
    'DateLessThan',
    false,
    false,
    compileDate((a, b) => a < b),
  ),
  op(
    'DateLessThanEquals',
    false,
    false,
    compileDate((a, b) => a <= b),
  ),
  op(
    'DateGreaterThan',
    false,
    false,
    compileDate((a, b) => a > b),
  ),
  op(
    'DateGreaterThanEquals',
    false,
    false,
    compileDate((a, b) => a >= b),
  ),
];
