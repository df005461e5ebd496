import type { AppConfig } from '../config.js';

/**
 * Where we may POST webhooks. In production: https only, and never to a name or address that
 * points inside our own network (loopback, private, link-local, cloud metadata), so a partner's
 * URL cannot turn the server into a probe of its neighbours. Outside production plain http and
 * localhost are fine, for local receivers. Only the URL's own host is checked: a public name
 * that resolves to a private address (DNS rebinding) is not caught here.
 */
export function webhookUrlProblem(value: string, env: AppConfig['env']): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an absolute http(s) URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  if (env !== 'production') return null;
  if (url.protocol !== 'https:') return 'must be an https URL';
  if (isInternalHost(url.hostname)) return 'must be a public host, not a loopback, private or link-local address';
  return null;
}

const INTERNAL_NAMES = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

function isInternalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (!host.includes('.') && !host.includes(':')) return true; // a bare name resolves on the local network
  if (INTERNAL_NAMES.test(host)) return true;
  const v4 = ipv4(host);
  if (v4) return isInternalIpv4(v4);
  if (host.includes(':')) return isInternalIpv6(host);
  return false;
}

function ipv4(host: string): number[] | undefined {
  // WHATWG URL parsing has already turned 0x7f.1, 2130706433 and the like into dotted decimal.
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

function isInternalIpv4([a, b]: number[]): boolean {
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 100 && b! >= 64 && b! <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b! >= 16 && b! <= 31) ||
    (a === 192 && b === 168) ||
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    a! >= 224 // multicast and reserved
  );
}

function isInternalIpv6(host: string): boolean {
  if (host === '::' || host === '::1') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host)?.[1] ?? mappedHex(host);
  if (mapped) return isInternalIpv4(ipv4(mapped) ?? [0]);
  const first = parseInt(host.split(':')[0] || '0', 16);
  return (first & 0xfe00) === 0xfc00 /* unique local */ || (first & 0xffc0) === 0xfe80 /* link-local */ || (first & 0xff00) === 0xff00; /* multicast */
}

/** `::ffff:7f00:1`, as the URL parser writes an IPv4-mapped address. */
function mappedHex(host: string): string | undefined {
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (!match) return undefined;
  const [hi, lo] = [parseInt(match[1]!, 16), parseInt(match[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}
