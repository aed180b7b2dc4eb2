// Reads a zip archive's central directory (names, sizes, dates) from an ArrayBuffer: no library,
// no decompression. Handles Zip64 sizes and offsets.

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

/** Thrown when the bytes are not a readable zip. */
export class ZipError extends Error {}

function findEocd(view) {
  const min = Math.max(0, view.byteLength - 22 - 0xffff);
  for (let i = view.byteLength - 22; i >= min; i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new ZipError('not a zip archive (no end of central directory record)');
}

function u64(view, at) {
  const n = view.getBigUint64(at, true);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipError('zip too large');
  return Number(n);
}

function dosDate(date, time) {
  if (!date) return null;
  const y = 1980 + (date >> 9);
  const mo = ((date >> 5) & 0xf) - 1;
  const d = date & 0x1f;
  return new Date(y, mo, d, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2).getTime();
}

/**
 * The archive's entries: [{name, size, compressedSize, method, directory, modified (ms|null)}],
 * in central-directory order.
 */
export function listZip(buffer) {
  const view = new DataView(buffer instanceof ArrayBuffer ? buffer : buffer.buffer);
  if (view.byteLength < 22) throw new ZipError('not a zip archive (too short)');
  const eocd = findEocd(view);
  let count = view.getUint16(eocd + 10, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && eocd >= 20
      && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const at = u64(view, eocd - 20 + 8);
    if (at + 56 > view.byteLength || view.getUint32(at, true) !== ZIP64_EOCD) {
      throw new ZipError('broken Zip64 end of central directory');
    }
    count = u64(view, at + 32);
    size = u64(view, at + 40);
    offset = u64(view, at + 48);
  }
  if (offset + size > view.byteLength) throw new ZipError('central directory out of range');
  const utf8 = new TextDecoder('utf-8');
  const entries = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > view.byteLength || view.getUint32(p, true) !== CENTRAL) {
      throw new ZipError(`bad central directory entry ${i}`);
    }
    const method = view.getUint16(p + 10, true);
    const time = view.getUint16(p + 12, true);
    const date = view.getUint16(p + 14, true);
    let compressedSize = view.getUint32(p + 20, true);
    let sizeU = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const name = utf8.decode(new Uint8Array(view.buffer, view.byteOffset + p + 46, nameLen));
    // Zip64 extended information: the 64-bit values of the fields that are 0xFFFFFFFF.
    let e = p + 46 + nameLen;
    const end = e + extraLen;
    while (e + 4 <= end) {
      const id = view.getUint16(e, true);
      const len = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let q = e + 4;
        if (sizeU === 0xffffffff && q + 8 <= e + 4 + len) { sizeU = u64(view, q); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) {
          compressedSize = u64(view, q);
        }
      }
      e += 4 + len;
    }
    entries.push({
      name,
      size: sizeU,
      compressedSize,
      method,
      directory: name.endsWith('/'),
      modified: dosDate(date, time),
    });
    p = end + commentLen;
  }
  return entries;
}
