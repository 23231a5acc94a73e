// Bech32m (BIP-350) for Seratio addresses: the same encoding as Seratio.Core.Addressing.Bech32m.
const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const CONSTANT = 0x2bc830a3;
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values) {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk = (chk ^ GENERATOR[i]) >>> 0;
  }
  return chk;
}

function expandHrp(hrp) {
  const out = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

function convertBits(data, from, to, pad) {
  let acc = 0, bits = 0;
  const out = [], maxv = (1 << to) - 1;
  for (const value of data) {
    acc = (acc << from) | value;
    bits += from;
    while (bits >= to) { bits -= to; out.push((acc >> bits) & maxv); }
    acc &= (1 << bits) - 1;
  }
  if (pad) { if (bits > 0) out.push((acc << (to - bits)) & maxv); }
  else if (bits >= from || ((acc << (to - bits)) & maxv) !== 0) return null;
  return out;
}

/** Encodes bytes under a human-readable part, e.g. encode("ser", twentyBytes) -> "ser1…". */
export function encode(hrp, bytes) {
  const values = convertBits(bytes, 8, 5, true);
  const mod = polymod([...expandHrp(hrp), ...values, 0, 0, 0, 0, 0, 0]) ^ CONSTANT;
  let text = hrp + "1";
  for (const v of values) text += CHARSET[v];
  for (let k = 0; k < 6; k++) text += CHARSET[(mod >>> (5 * (5 - k))) & 31];
  return text;
}

/** Decodes a bech32m string to { hrp, bytes }; throws an Error saying why it is not one. */
export function decode(text) {
  if (typeof text !== "string" || text.length === 0) throw new Error("the address is empty");
  if (text.length > 90) throw new Error("the address is longer than 90 characters");
  if (text !== text.toLowerCase() && text !== text.toUpperCase()) throw new Error("the address mixes upper and lower case");
  const lower = text.toLowerCase();
  const sep = lower.lastIndexOf("1");
  if (sep < 1 || sep + 7 > lower.length) throw new Error("the address has no human-readable part or checksum");
  const hrp = lower.slice(0, sep);
  const values = [];
  for (const c of lower.slice(sep + 1)) {
    const v = CHARSET.indexOf(c);
    if (v < 0) throw new Error(`'${c}' is not a bech32 character`);
    values.push(v);
  }
  if (polymod([...expandHrp(hrp), ...values]) !== CONSTANT) throw new Error("the address's checksum does not match (a typo?)");
  const bytes = convertBits(values.slice(0, -6), 5, 8, false);
  if (bytes === null) throw new Error("the address has invalid padding");
  return { hrp, bytes: Uint8Array.from(bytes) };
}

/** The 20 bytes of a Seratio address "ser1…"; throws when it is not one. */
export function parseAddress(text) {
  const { hrp, bytes } = decode(text.trim());
  if (hrp !== "ser") throw new Error(`the address has prefix '${hrp}', a Seratio address starts with 'ser1'`);
  if (bytes.length !== 20) throw new Error(`the address carries ${bytes.length} bytes, an address carries 20`);
  return bytes;
}
