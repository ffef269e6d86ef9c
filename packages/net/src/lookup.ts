import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { AddressBlockedError, isPublicUnicast } from './address.js';

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `net.connect` `lookup` function that resolves with the system resolver and refuses the
 * connection unless EVERY resolved address is public unicast (a name with one internal record is
 * refused outright rather than filtered: such a name is suspicious, and filtering would make the
 * outcome depend on resolver ordering). The socket is never opened for a refused name, and the
 * address checked is the address dialed, so DNS rebinding between check and use is impossible.
 */
export function guardedLookup(
  hostname: string,
  options: LookupOptions,
  callback: LookupCallback,
): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const bad = list.find((a) => !isPublicUnicast(a.address));
    if (bad || list.length === 0) {
      // The refusal names the host only: the addresses found stay here.
      return callback(new AddressBlockedError(hostname) as NodeJS.ErrnoException, []);
    }
    if (options.all) return callback(null, list);
    const first = list[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
}
