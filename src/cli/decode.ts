// File bytes to text. UTF-8 is read by Node directly (the fast path every file takes); a UTF-16
// file with its byte-order mark (Windows tools write them: PowerShell 5's `>`, .NET resources,
// some .reg and .ini files) would decode to NULs and be skipped as binary, its secrets unseen.

/** What UTF-8 decoding makes of the UTF-16 byte-order marks FF FE and FE FF: two invalid bytes. */
const UTF16_BOM_AS_UTF8 = '\uFFFD\uFFFD';

/** Whether text decoded as UTF-8 may be UTF-16 with a byte-order mark, and so worth decoding again from the bytes. */
export function mayBeUtf16(decodedAsUtf8: string): boolean {
  return decodedAsUtf8.startsWith(UTF16_BOM_AS_UTF8);
}

/** The text of a file's bytes: UTF-16 LE or BE when they start with its byte-order mark (dropped), else UTF-8. */
export function decodeBytes(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2, bytes.length - (bytes.length % 2));
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    // Node has no UTF-16 BE decoder: swap each pair of bytes (on a copy) and read it as LE.
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return swapped.swap16().toString('utf16le');
  }
  return bytes.toString('utf8');
}
