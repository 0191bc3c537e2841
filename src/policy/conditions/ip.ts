import { InvalidConditionValue, op, type BaseOperator, type ValueTest } from './operator.js';

/**
 * IpAddress / NotIpAddress: IPv4 and IPv6 CIDR blocks (a bare address is /32 or /128). An
 * address is compared as numbers, so IPv6 hex case and `::` compression do not matter. IPv4 and
 * IPv6 never match each other. No variables.
 */
export interface Ip {
  v6: boolean;
  /** 1 word (IPv4) or 4 words (IPv6), most significant first. */
  words: number[];
}

export interface Cidr extends Ip {
  prefix: number;
}

export function parseIpv4(s: string): number[] | undefined {
  const w = ipv4Word(s);
  return w < 0 ? undefined : [w];
}

/** A dotted-quad IPv4 address as one unsigned 32-bit number, or -1. */
function ipv4Word(s: string): number {
  // By hand: this runs on every request that meets an IP condition.
  let w = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 3) return -1;
      octet = octet * 10 + (c - 48);
      digits++;
    } else if (c === 46) {
      if (digits === 0 || octet > 255 || dots === 3) return -1;
      w = w * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || octet > 255) return -1;
  return w * 256 + octet;
}

export function parseIpv6(s: string): number[] | undefined {
  let text = s;
  // An embedded IPv4 address at the end (::ffff:192.0.2.1) stands for the last two groups.
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    text = `${text.slice(0, lastColon + 1)}${(v4[0]! >>> 16).toString(16)}:${(v4[0]! & 0xffff).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const given = head.length + rest.length;
  let groups: number[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  } else {
    if (given !== 8) return undefined;
    groups = head;
  }
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((groups[i]! << 16) | groups[i + 1]!) >>> 0);
  return words;
}

export function parseIp(s: string): Ip | undefined {
  const t = s.trim();
  if (t.includes(':')) {
    const w = parseIpv6(t);
    return w ? { v6: true, words: w } : undefined;
  }
  const w = parseIpv4(t);
  return w ? { v6: false, words: w } : undefined;
}

export function parseCidr(s: string): Cidr | undefined {
  const [addr, len, extra] = s.trim().split('/');
  if (extra !== undefined || addr === undefined) return undefined;
  const ip = parseIp(addr);
  if (!ip) return undefined;
  const max = ip.v6 ? 128 : 32;
  if (len === undefined) return { ...ip, prefix: max };
  if (!/^\d{1,3}$/.test(len)) return undefined;
  const prefix = Number(len);
  return prefix <= max ? { ...ip, prefix } : undefined;
}

export function cidrContains(c: Cidr, ip: Ip): boolean {
  if (c.v6 !== ip.v6) return false;
  let bits = c.prefix;
  for (let i = 0; i < c.words.length && bits > 0; i++) {
    const take = Math.min(32, bits);
    const mask = take === 32 ? 0xffffffff : ~(0xffffffff >>> take) >>> 0;
    if ((c.words[i]! & mask) >>> 0 !== (ip.words[i]! & mask) >>> 0) return false;
    bits -= take;
  }
  return true;
}

/** An IPv4 block as the request-time test wants it: network and mask as 32-bit numbers. */
interface Ipv4Block {
  net: number;
  mask: number;
}

/**
 * An IPv4 request value — nearly every request, and a "deny outside our network" statement is
 * checked by every decision — is read into one number and compared with each block under its
 * mask, with nothing allocated; parseIp's address object is for IPv6 and text that is not a
 * plain dotted quad.
 */
function compileIp(values: readonly string[]): ValueTest {
  const cidrs = values.map((v) => {
    const c = parseCidr(v);
    if (!c) throw new InvalidConditionValue(`not an IP address or CIDR block: ${v}`);
    return c;
  });
  const v4: Ipv4Block[] = cidrs
    .filter((c) => !c.v6)
    .map((c) => {
      const mask = c.prefix === 0 ? 0 : (0xffffffff << (32 - c.prefix)) >>> 0;
      return { net: (c.words[0]! & mask) >>> 0, mask };
    });
  return (r) => {
    const w = ipv4Word(r);
    if (w >= 0) {
      for (let i = 0; i < v4.length; i++) if ((w & v4[i]!.mask) >>> 0 === v4[i]!.net) return true;
      return false;
    }
    const ip = parseIp(r);
    if (!ip) return undefined;
    for (const c of cidrs) if (cidrContains(c, ip)) return true;
    return false;
  };
}

export const IP_OPERATORS: readonly BaseOperator[] = [op('IpAddress', false, false, compileIp), op('NotIpAddress', true, false, compileIp)];
