// Seratio transactions as the chain encodes and signs them (proto/seratio/v1/types.proto; Seratio.Core's TxDecoder):
//   Tx     { bytes body = 1; repeated TxSignature signatures = 2 }      TxSignature { public_key = 1; signature = 2 }
//   TxBody { chain_id = 1; sender = 2; nonce = 3; gas_limit = 4; gas_price = 5; expiry_height = 6; repeated Msg msgs = 7 }
//   sign bytes = "seratio/tx-sign" || len(chain id) as one byte || chain id (UTF-8) || body bytes
//   tx hash    = SHA-256("seratio/tx" || body bytes)
//   address    = bech32m("ser", first 20 bytes of SHA-256("seratio/address" || public key))
// Tested byte for byte against the C# the CLI signs with (tests/Seratio.Portal.Tests/Wallet).
import { Writer } from "./protobuf.js";
import { encode as bech32m } from "./bech32m.js";

const ascii = new TextEncoder();

/** The messages the wallet sends: their field in seratio.v1.Msg's oneof and how each is encoded. */
export const MESSAGES = {
  transfer: { field: 1, name: "MsgTransfer", encode: (m) => new Writer().bytes(1, m.to).string(2, m.denom).string(3, m.amount).string(4, m.memo ?? "") },
  send_asset: { field: 43, name: "MsgSendAsset", encode: (m) => new Writer().string(1, m.symbol).bytes(2, m.to).string(3, m.amount).string(4, m.memo ?? "").bytes(5, m.data ?? new Uint8Array()) },
  send_microshares: { field: 62, name: "MsgSendMicroshares", encode: (m) => new Writer().uint(1, m.classId).bytes(2, m.to).string(3, m.units).packedUints(4, m.lotIds ?? []).string(5, m.memo ?? "") },
  place_order: { field: 82, name: "MsgPlaceOrder", encode: (m) => new Writer().uint(1, m.marketId).uint(2, m.side).string(3, m.price).string(4, m.quantity).uint(5, m.timeInForce).uint(6, m.expireHeight ?? 0n).packedUints(7, m.lotIds ?? []) },
  vote: { field: 93, name: "MsgVote", encode: (m) => new Writer().uint(1, m.proposalId).uint(2, m.option) },
};

export const ORDER_SIDES = { 1: "ORDER_SIDE_BUY", 2: "ORDER_SIDE_SELL" };
export const TIME_IN_FORCE = { 1: "TIME_IN_FORCE_GTC", 2: "TIME_IN_FORCE_GTH", 3: "TIME_IN_FORCE_IOC", 4: "TIME_IN_FORCE_FOK", 5: "TIME_IN_FORCE_POST_ONLY" };
export const VOTE_OPTIONS = { 1: "VOTE_OPTION_YES", 2: "VOTE_OPTION_NO", 3: "VOTE_OPTION_ABSTAIN", 4: "VOTE_OPTION_VETO" };

/** Encodes one seratio.v1.Msg: { kind: "transfer" | "send_asset" | …, …its fields }. */
export function encodeMsg(msg) {
  const spec = MESSAGES[msg.kind];
  if (!spec) throw new Error(`the wallet does not send '${msg.kind}' messages`);
  return new Writer().message(spec.field, spec.encode(msg).finish()).finish();
}

/** Encodes a seratio.v1.TxBody: { chainId, sender (20 bytes), nonce, gasLimit, gasPrice, expiryHeight, msgs }. */
export function encodeBody(body) {
  const w = new Writer()
    .string(1, body.chainId)
    .bytes(2, body.sender)
    .uint(3, body.nonce)
    .uint(4, body.gasLimit)
    .uint(5, body.gasPrice)
    .uint(6, body.expiryHeight);
  for (const msg of body.msgs) w.message(7, encodeMsg(msg));
  return w.finish();
}

function concat(...arrays) {
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) { out.set(a, offset); offset += a.length; }
  return out;
}

/** "seratio/tx-sign" || len(chain id) || chain id || body: the bytes every signer signs. */
export function signBytes(chainId, bodyBytes) {
  const chain = ascii.encode(chainId);
  if (chain.length > 255) throw new Error("the chain id is longer than 255 bytes");
  return concat(ascii.encode("seratio/tx-sign"), Uint8Array.of(chain.length), chain, bodyBytes);
}

/** The encoded seratio.v1.Tx: the body bytes and one { publicKey, signature } per signer. */
export function encodeTx(bodyBytes, signatures) {
  const w = new Writer().bytes(1, bodyBytes);
  for (const s of signatures) w.message(2, new Writer().bytes(1, s.publicKey).bytes(2, s.signature).finish());
  return w.finish();
}

async function sha256(...parts) {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", concat(...parts)));
}

/** The transaction id: SHA-256("seratio/tx" || body bytes). */
export function txHash(bodyBytes) { return sha256(ascii.encode("seratio/tx"), bodyBytes); }

/** The account address of an Ed25519 public key, "ser1…". */
export async function addressOf(publicKey) {
  const digest = await sha256(ascii.encode("seratio/address"), publicKey);
  return bech32m("ser", digest.subarray(0, 20));
}

export function toHex(bytes) { return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join(""); }

export function fromHex(text) {
  const clean = text.trim().replace(/^0x/i, "");
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) throw new Error("not hex: give an even number of hex digits");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * What will be signed, field by field, as [name, value] rows (addresses as bech32m, enums by their proto names),
 * for the page to show before anything is signed.
 */
export function describe(body) {
  const rows = [
    ["chain_id", body.chainId],
    ["sender", bech32m("ser", body.sender)],
    ["nonce", String(body.nonce)],
    ["gas_limit", String(body.gasLimit)],
    ["gas_price", String(body.gasPrice)],
    ["expiry_height", String(body.expiryHeight)],
  ];
  body.msgs.forEach((m, i) => {
    const p = `msgs[${i}].${m.kind}.`;
    rows.push([`msgs[${i}]`, MESSAGES[m.kind].name]);
    switch (m.kind) {
      case "transfer":
        rows.push([p + "to", bech32m("ser", m.to)], [p + "denom", m.denom], [p + "amount", m.amount], [p + "memo", m.memo ?? ""]);
        break;
      case "send_asset":
        rows.push([p + "symbol", m.symbol], [p + "to", bech32m("ser", m.to)], [p + "amount", m.amount], [p + "memo", m.memo ?? ""]);
        break;
      case "send_microshares":
        rows.push([p + "class_id", String(m.classId)], [p + "to", bech32m("ser", m.to)], [p + "units", m.units],
          [p + "lot_ids", (m.lotIds ?? []).join(", ") || "(oldest first)"], [p + "memo", m.memo ?? ""]);
        break;
      case "place_order":
        rows.push([p + "market_id", String(m.marketId)], [p + "side", ORDER_SIDES[m.side] ?? String(m.side)], [p + "price", m.price],
          [p + "quantity", m.quantity], [p + "time_in_force", TIME_IN_FORCE[m.timeInForce] ?? String(m.timeInForce)],
          [p + "expire_height", String(m.expireHeight ?? 0n)], [p + "lot_ids", (m.lotIds ?? []).join(", ") || "(oldest first)"]);
        break;
      case "vote":
        rows.push([p + "proposal_id", String(m.proposalId)], [p + "option", VOTE_OPTIONS[m.option] ?? String(m.option)]);
        break;
    }
  });
  return rows;
}

/** A canonical amount of base units from "10SER", "0.5SER" or plain base units, as `seratio tx send --amount` reads it. */
export function parseSer(text) {
  const t = text.trim();
  if (/ser$/i.test(t)) {
    const number = t.slice(0, -3).trim();
    const m = /^([0-9]+)(?:\.([0-9]*))?$/.exec(number);
    if (!m) throw new Error(`'${text}' is not a decimal amount of SER`);
    const fraction = m[2] ?? "";
    if (fraction.length > 6) throw new Error(`SER has 6 decimals; '${text}' has more`);
    return canonical((m[1] + fraction.padEnd(6, "0")).replace(/^0+/, "") || "0", text);
  }
  return canonical(t, text);
}

/** A canonical amount of base units ("0" or digits without a leading zero, at most 2^128-1). */
export function canonical(digits, original = digits) {
  const d = digits.trim();
  if (!/^(0|[1-9][0-9]*)$/.test(d)) throw new Error(`'${original}' is not an amount of base units (digits without a leading zero)`);
  if (BigInt(d) > (1n << 128n) - 1n) throw new Error(`'${original}' is more than 2^128-1 base units`);
  return d;
}

/** A positive integer id (uint64) from text. */
export function parseId(text, what) {
  const t = String(text).trim();
  if (!/^[1-9][0-9]*$/.test(t) || BigInt(t) > 0xffffffffffffffffn) throw new Error(`${what} must be a whole number from 1`);
  return BigInt(t);
}
