import type { Rng } from './rng.js';

/**
 * Odd values for fields: text that breaks parsers, validators and encoders, numbers at and past
 * every boundary, and mutations of a valid value. All of it is plain JS text; the wire encoding
 * is decided elsewhere (encoding.ts).
 */

const ODD_TEXT: readonly string[] = [
  '',
  ' ',
  '\t',
  '\u0000',
  '\u0001\u0002\u0003',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u200b\u200c\u200d\ufeff',
  '\u202e\u202d',
  '\u2028\u2029',
  '\ud800',
  '\udfff',
  '\udbff\udfff',
  '\ud83d\ude00',
  '\ufffd',
  '\ufffe\uffff',
  'e\u0301\u0301\u0301',
  'İıſK',
  'ß',
  'ﬀ',
  '日本語',
  'العربية',
  'null',
  'undefined',
  'true',
  'NaN',
  '[object Object]',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '%s%s%s%n',
  '${aws:username}',
  '${',
  '${*}',
  '${aws:PrincipalTag/${aws:username}}',
  '*',
  '?',
  '**',
  '../../etc/passwd',
  '..',
  '.',
  '/',
  '//',
  '\\',
  "'",
  '"',
  '`',
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#x110000;',
  ']]>',
  '<![CDATA[x]]>',
  '<?xml version="1.0"?>',
  '{}',
  '[]',
  '{"a":',
  'arn:aws:iam::111122223333:user/admin',
  'arn:aws:iam::*:role/*',
  'arn:',
  'arn:aws:s3:::',
  'arn:aws:sts::111122223333:assumed-role/x/y',
  '111122223333',
  'AKIAIOSFODNN7EXAMPLE',
  'ASIA' + 'A'.repeat(16),
  'aws:',
  'iam:*',
  's3:GetObject',
  'a=b&c=d',
  'a;b',
  '+',
  '%',
  '%00',
  '%zz',
  '=',
  '#',
  ',',
  ';',
  ':',
  '|',
  '\r',
  '\n',
  '\r\n',
  '\u000b\u000c',
];

const BOUNDARY_NUMBERS: readonly string[] = [
  '0',
  '-0',
  '-1',
  '1',
  '7',
  '8',
  '899',
  '900',
  '901',
  '3599',
  '3600',
  '3601',
  '43200',
  '43201',
  '129600',
  '129601',
  '604800',
  '604801',
  '999',
  '1000',
  '1001',
  '1024',
  '1025',
  '10000',
  '10001',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '4294967295',
  '4294967296',
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '-9007199254740993',
  '18446744073709551615',
  '18446744073709551616',
  '99999999999999999999999999999999',
  '1e3',
  '1e309',
  '-1e309',
  '1.5',
  '0.0000001',
  '.5',
  '5.',
  '0x10',
  '0b11',
  '0o7',
  '010',
  '00000000000000000000000000000000000001',
  '+5',
  ' 5',
  '5 ',
  '5\t',
  '\u0663',
  '\uff15',
  'Infinity',
  '-Infinity',
  'NaN',
  '',
  '1_000',
  '1,000',
  '9'.repeat(400),
];

export function oddText(r: Rng): string {
  const base = r.pick(ODD_TEXT);
  return r.chance(0.3) ? base.repeat(r.range(2, 40)) : base;
}

export function oddNumber(r: Rng): string {
  return r.pick(BOUNDARY_NUMBERS);
}

/** A big piece of text: a few KiB usually, rarely past a MiB (a body limit). */
export function hugeText(r: Rng): string {
  const unit = r.pick(['A', 'é', '日', '\ud83d\ude00', 'a,', '%', '<x>', '{"a":1},', '\u0000', 'member.1=']);
  const n = r.weighted<number>([
    [r.range(200, 2000), 20],
    [r.range(2000, 70000), 4],
    [r.range(70000, 300000), 0.5],
    [r.range(1_100_000, 1_300_000), 0.1],
  ]);
  return unit.repeat(Math.max(1, Math.floor(n / unit.length)));
}

/** A mutation of `value`: one of many small damages, or a replacement by an odd value. */
export function mutateText(r: Rng, value: string): string {
  switch (r.int(16)) {
    case 0:
      return '';
    case 1:
      return value + value;
    case 2:
      return value.slice(0, r.int(value.length + 1));
    case 3: {
      const at = r.int(value.length + 1);
      return value.slice(0, at) + oddText(r) + value.slice(at);
    }
    case 4:
      return oddText(r);
    case 5:
      return value.toUpperCase();
    case 6:
      return value.toLowerCase();
    case 7:
      return ` ${value} `;
    case 8:
      return value + '\u0000';
    case 9:
      // At most ~2 MB: a mutated value past every limit is the point, hundreds of MB are not.
      return r.chance(0.05)
        ? hugeText(r)
        : value.repeat(
            Math.min(r.chance(0.1) ? r.range(20, 200) : r.range(2, 5), Math.max(1, Math.floor(1_000_000 / Math.max(1, value.length)))),
          );
    case 10:
      return oddNumber(r);
    case 11:
      return value.replace(/[a-z]/i, (ch) => r.pick(['\u0430', '\u0131', '\u017f', 'ｅ', ch + '\u0301']));
    case 12:
      return value + r.pick(['/', '*', '?', '$', '${aws:username}', '%', '\\', '\ud800']);
    case 13:
      return [...value].reverse().join('');
    default:
      return value + oddText(r);
  }
}

/** An odd value for a numeric field. */
export function mutateNumber(r: Rng, value: string): string {
  return r.chance(0.8) ? oddNumber(r) : mutateText(r, value);
}

/** A date in one of the formats clients send, many of them wrong. */
export function oddDate(r: Rng): string {
  const now = Date.now();
  const d = new Date(now + r.pick([0, -1, 1, -86400e3, 86400e3 * 400, -86400e3 * 20000, 8.64e15 - now]));
  return r.pick([
    d.toUTCString(),
    d.toISOString(),
    d.toISOString().replace(/[-:]|\.\d{3}/g, ''),
    String(Math.floor(d.getTime() / 1000)),
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'Sat, 31 Dec 9999 23:59:59 GMT',
    'Mon, 32 Foo 2024 25:61:61 GMT',
    '-1',
    '0',
    'yesterday',
    '',
    '2024-02-30T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '1e309',
  ]);
}
