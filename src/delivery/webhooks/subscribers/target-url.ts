import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may point. A subscriber URL makes this server send requests on an admin's
 * behalf, so by default it may not reach loopback, private or link-local addresses (cloud
 * metadata endpoints live there). Only literal addresses and `localhost` are checked: a DNS
 * name that resolves inside the network is the network's egress rules' to stop.
 */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

/** Why the URL cannot be a webhook target, or undefined when it can. */
export function targetUrlProblem(raw: string, allowPrivate: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
  if (url.username !== '' || url.password !== '') return 'must not carry credentials; requests are signed with the secret instead';
  if (url.hash !== '') return 'must not have a fragment';
  if (!allowPrivate && isPrivateHost(url.hostname)) {
    return 'points to a loopback or private address; allowed only with REDAKSI_WEBHOOK_ALLOW_PRIVATE_URLS=true';
  }
  return undefined;
}

function isPrivateHost(hostname: string): boolean {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(host)?.[1];
  if (mapped !== undefined) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(host);
  if (family === 4) return PRIVATE.check(host, 'ipv4');
  if (family === 6) return PRIVATE.check(host, 'ipv6');
  return false;
}
