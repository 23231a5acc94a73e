// The few pieces of Protocol Buffers (proto3) encoding the wallet needs, written as Google.Protobuf writes them:
// fields in ascending number, defaults (0, "", empty bytes) left out, repeated scalars packed, a oneof's message
// written even when empty. Only what the wallet sends is covered (docs/adr/0004-portal-stack.md).
const utf8 = new TextEncoder();

export class Writer {
  constructor() { this.parts = []; this.length = 0; }

  push(bytes) { this.parts.push(bytes); this.length += bytes.length; return this; }

  rawVarint(value) {
    let v = BigInt(value);
    if (v < 0n || v > 0xffffffffffffffffn) throw new RangeError(`${value} is outside uint64`);
    const out = [];
    do {
      let b = Number(v & 0x7fn);
      v >>= 7n;
      if (v !== 0n) b |= 0x80;
      out.push(b);
    } while (v !== 0n);
    return this.push(Uint8Array.from(out));
  }

  tag(field, wireType) { return this.rawVarint((field << 3) | wireType); }

  /** uint64, uint32 or enum; left out when 0. */
  uint(field, value) { return BigInt(value) === 0n ? this : this.tag(field, 0).rawVarint(value); }

  /** bytes; left out when empty. */
  bytes(field, value) { return value.length === 0 ? this : this.lengthDelimited(field, value); }

  /** string; left out when empty. */
  string(field, value) { return value.length === 0 ? this : this.lengthDelimited(field, utf8.encode(value)); }

  /** An embedded message, written even when empty (a oneof's case, a repeated message). */
  message(field, encoded) { return this.lengthDelimited(field, encoded); }

  /** repeated uint64, packed; left out when empty. */
  packedUints(field, values) {
    if (values.length === 0) return this;
    const inner = new Writer();
    for (const v of values) inner.rawVarint(v);
    return this.lengthDelimited(field, inner.finish());
  }

  lengthDelimited(field, bytes) { return this.tag(field, 2).rawVarint(bytes.length).push(bytes); }

  finish() {
    const out = new Uint8Array(this.length);
    let offset = 0;
    for (const p of this.parts) { out.set(p, offset); offset += p.length; }
    return out;
  }
}
