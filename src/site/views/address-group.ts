// Which addresses are one reader's for per-address limits. An IPv4 address is usually one
// household or office; an IPv6 subscriber is usually given a whole /64 and picks addresses in
// it at will, so an IPv6 address is taken by its first 64 bits.
import ipaddr from "ipaddr.js";
import { boundedMemo } from "./bounded-memo.js";

// Parsing an IPv6 address costs microseconds and the beacon asks twice per request (its rate
// limit and the view cap), so the groups of recent addresses are remembered.
const v6GroupOf = boundedMemo(v6Group);

/**
 * The key per-address limits count by: an IPv4 address as it is, an IPv6 address as its /64
 * (`2001:db8:1:2::/64`), an IPv4-mapped IPv6 address as its IPv4 address; anything that is not
 * an address (a closed socket's empty string) as it is.
 * @example addressGroup("2001:db8:1:2::a") === addressGroup("2001:db8:1:2:ffff::b")
 */
export function addressGroup(address: string): string {
  return address.includes(":") ? v6GroupOf(address) : address;
}

function v6Group(address: string): string {
  if (!ipaddr.IPv6.isValid(address)) return address;
  const ip = ipaddr.IPv6.parse(address);
  if (ip.isIPv4MappedAddress()) return ip.toIPv4Address().toString();
  const [a = 0, b = 0, c = 0, d = 0] = ip.parts;
  return `${a.toString(16)}:${b.toString(16)}:${c.toString(16)}:${d.toString(16)}::/64`;
}

// Where a reverse proxy or load balancer usually is; a reader on the public internet never is.
const NOT_PUBLIC = new Set([
  "private",
  "loopback",
  "linkLocal",
  "uniqueLocal",
  "carrierGradeNat",
  "unspecified",
]);

/** True for a loopback, private, link-local, unique-local or carrier-grade NAT address. */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return NOT_PUBLIC.has(ipaddr.process(address).range());
}
