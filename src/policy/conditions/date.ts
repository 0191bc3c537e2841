import { InvalidConditionValue, op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * Date operators. Both sides may be ISO 8601 or epoch seconds (`aws:EpochTime`); both are
 * normalised to milliseconds since the epoch and compared as instants, never as strings. Like
 * IAM's own parser, a value containing `T` or `-` is ISO 8601, anything else must be epoch
 * seconds (at most a signed 64-bit integer: `9223372036854775808` fails). A time without a zone
 * is UTC. No variables.
 *
 * IAM's ISO 8601 reader is lenient in the way of Joda-Time's `ISODateTimeFormat.dateTimeParser()`
 * (AWS accepts `01T`, `2016-12-13t2:00:00.593194+23` and `-292275054`, and refuses
 * `2016-12-13t2:00:00.593194+1`, ten fraction digits and month 13 — moto's and LocalStack's
 * recorded cases), so this is that grammar:
 *
 *     datetime      = time | date ['T' [time-element] [offset]]
 *     time          = 'T' time-element [offset]
 *     date          = yyyy ['-' MM ['-' dd]] | yyyy '-' DDD | yyyy '-W' ww ['-' e]
 *     time-element  = HH [':' mm [':' ss [fraction] | fraction] | fraction]
 *     fraction      = ('.' | ',') 1–9 digits
 *     offset        = 'Z' | ('+' | '-') HH [[':'] mm [[':'] ss]]
 *
 * Years are signed, 1–9 digits, within Joda's range (-292275054 … 292278993); month, day, hour,
 * minute and second take 1–2 digits, day-of-year 1–3; zone hours and minutes exactly 2; letters
 * (`T`, `W`, `Z`) in either case. Field values are checked (no 30 February, no hour 24).
 */
const EPOCH = /^\d{1,19}(?:\.\d+)?$/;
const LONG_MAX = 9223372036854775807n;
const MIN_YEAR = -292275054;
const MAX_YEAR = 292278993;
const DAY_MS = 86_400_000;

export function parseDate(input: string): number | undefined {
  const s = input.trim();
  if (!/[tT-]/.test(s)) {
    if (!EPOCH.test(s)) return undefined;
    if (BigInt(s.split('.')[0]!) > LONG_MAX) return undefined;
    return Number(s) * 1000;
  }
  return new IsoReader(s).read();
}

/** One attempt at the grammar above; every method returns undefined where the text does not fit. */
class IsoReader {
  private pos = 0;
  constructor(private readonly s: string) {}

  read(): number | undefined {
    let days = 0;
    let timeMs = 0;
    let offsetMs = 0;
    if (this.letter('T')) {
      const t = this.timeElement();
      if (t === undefined) return undefined;
      timeMs = t;
      offsetMs = this.offset() ?? 0;
    } else {
      const d = this.date();
      if (d === undefined) return undefined;
      days = d;
      if (this.letter('T')) {
        timeMs = this.timeElement() ?? 0;
        offsetMs = this.offset() ?? 0;
      }
    }
    if (this.pos !== this.s.length) return undefined;
    return days * DAY_MS + timeMs - offsetMs;
  }

  /**
   * The longest of the three date forms that fits the text, the first on a tie (Joda's
   * MatchingParser); its field values are checked only then, so `234-13` is a calendar date with
   * month 13 (refused), not the 13th day of year 234.
   */
  private date(): number | undefined {
    const start = this.pos;
    let best: { days: () => number | undefined; end: number } | undefined;
    for (const form of [() => this.calendarDate(), () => this.weekDate(), () => this.ordinalDate()]) {
      this.pos = start;
      const days = form();
      if (days !== undefined && (!best || this.pos > best.end)) best = { days, end: this.pos };
    }
    if (!best) return undefined;
    this.pos = best.end;
    return best.days();
  }

  private calendarDate(): (() => number | undefined) | undefined {
    const year = this.year();
    if (year === undefined) return undefined;
    let month = 1;
    let day = 1;
    const afterYear = this.pos;
    if (this.char('-')) {
      const m = this.digits(1, 2);
      if (m === undefined) this.pos = afterYear;
      else {
        month = m;
        const afterMonth = this.pos;
        if (this.char('-')) {
          const d = this.digits(1, 2);
          if (d === undefined) this.pos = afterMonth;
          else day = d;
        }
      }
    }
    return () => (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) ? undefined : daysFromCivil(year, month, day));
  }

  private ordinalDate(): (() => number | undefined) | undefined {
    const year = this.year();
    if (year === undefined || !this.char('-')) return undefined;
    const dayOfYear = this.digits(1, 3);
    if (dayOfYear === undefined) return undefined;
    return () => (dayOfYear < 1 || dayOfYear > (isLeap(year) ? 366 : 365) ? undefined : daysFromCivil(year, 1, 1) + dayOfYear - 1);
  }

  private weekDate(): (() => number | undefined) | undefined {
    const weekYear = this.year();
    if (weekYear === undefined || !this.char('-') || !this.letter('W')) return undefined;
    const week = this.digits(1, 2);
    if (week === undefined) return undefined;
    let dayOfWeek = 1;
    const afterWeek = this.pos;
    if (this.char('-')) {
      const e = this.digits(1, 1);
      if (e === undefined) this.pos = afterWeek;
      else dayOfWeek = e;
    }
    return () =>
      week < 1 || week > weeksIn(weekYear) || dayOfWeek < 1 || dayOfWeek > 7
        ? undefined
        : weekOneMonday(weekYear) + (week - 1) * 7 + dayOfWeek - 1;
  }

  private year(): number | undefined {
    const sign = this.s[this.pos] === '-' ? -1 : 1;
    const start = this.pos;
    if (this.s[this.pos] === '-' || this.s[this.pos] === '+') this.pos++;
    const y = this.digits(1, 9);
    if (y === undefined) {
      this.pos = start;
      return undefined;
    }
    const year = sign * y;
    return year < MIN_YEAR || year > MAX_YEAR ? undefined : year;
  }

  /** Milliseconds into the day. */
  private timeElement(): number | undefined {
    const hour = this.digits(1, 2);
    if (hour === undefined || hour > 23) return undefined;
    let ms = hour * 3_600_000;
    if (this.char(':')) {
      const minute = this.digits(1, 2);
      if (minute === undefined || minute > 59) return undefined;
      ms += minute * 60_000;
      if (this.char(':')) {
        const second = this.digits(1, 2);
        if (second === undefined || second > 59) return undefined;
        ms += second * 1000;
        const f = this.fraction();
        if (f === null) return undefined;
        ms += Math.floor((f ?? 0) * 1000);
      } else {
        const f = this.fraction();
        if (f === null) return undefined;
        ms += Math.floor((f ?? 0) * 60_000);
      }
    } else {
      const f = this.fraction();
      if (f === null) return undefined;
      ms += Math.floor((f ?? 0) * 3_600_000);
    }
    return ms;
  }

  /** undefined: no fraction here; null: a separator without digits (the text does not fit). */
  private fraction(): number | undefined | null {
    if (!this.char('.') && !this.char(',')) return undefined;
    const start = this.pos;
    if (this.digits(1, 9) === undefined) return null;
    return Number(`0.${this.s.slice(start, this.pos)}`);
  }

  /** Milliseconds east of UTC, or undefined when there is no (valid) offset here. */
  private offset(): number | undefined {
    if (this.letter('Z')) return 0;
    const c = this.s[this.pos];
    if (c !== '+' && c !== '-') return undefined;
    this.pos++;
    const fields: number[] = [];
    const hours = this.exactDigits(2);
    if (hours === undefined || hours > 23) return this.fail();
    fields.push(hours);
    let separated: boolean | undefined;
    for (const max of [59, 59]) {
      const colon = this.s[this.pos] === ':';
      if (separated === undefined) separated = colon;
      if (colon !== separated || (!colon && !/\d/.test(this.s[this.pos] ?? ''))) break;
      if (colon) this.pos++;
      const v = this.exactDigits(2);
      if (v === undefined || v > max) return this.fail();
      fields.push(v);
    }
    const [h, m = 0, sec = 0] = fields;
    return (c === '-' ? -1 : 1) * (h! * 3_600_000 + m * 60_000 + sec * 1000);
  }

  /** An offset sign that is not followed by a valid offset: leave the text unconsumed so `read` fails. */
  private fail(): undefined {
    this.pos = Number.MAX_SAFE_INTEGER;
    return undefined;
  }

  private digits(min: number, max: number): number | undefined {
    let n = 0;
    while (n < max && /\d/.test(this.s[this.pos + n] ?? '')) n++;
    if (n < min) return undefined;
    const v = Number(this.s.slice(this.pos, this.pos + n));
    this.pos += n;
    return v;
  }

  private exactDigits(n: number): number | undefined {
    const text = this.s.slice(this.pos, this.pos + n);
    if (text.length !== n || !/^\d+$/.test(text)) return undefined;
    this.pos += n;
    return Number(text);
  }

  private char(c: string): boolean {
    if (this.s[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  private letter(c: string): boolean {
    if (this.s[this.pos]?.toUpperCase() !== c) return false;
    this.pos++;
    return true;
  }
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (any year; H. Hinnant's algorithm). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** 1 (Monday) … 7 (Sunday) of a day number. */
function isoDayOfWeek(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** The Monday of ISO week 1: the week holding 4 January. */
function weekOneMonday(weekYear: number): number {
  const jan4 = daysFromCivil(weekYear, 1, 4);
  return jan4 - (isoDayOfWeek(jan4) - 1);
}

function weeksIn(weekYear: number): number {
  return (weekOneMonday(weekYear + 1) - weekOneMonday(weekYear)) / 7;
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
