// Runs the wallet's browser modules under node for WalletBytesTests: reads a JSON array of cases on stdin, builds,
// signs and encodes each exactly as the wallet page does, and writes the bytes (hex) as a JSON array on stdout.
import { encodeBody, signBytes, encodeTx, txHash, toHex, fromHex } from "../WalletJs/tx.js";
import { parseAddress } from "../WalletJs/bech32m.js";
import { fromSeed, sign, seal, unseal } from "../WalletJs/keys.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const big = (v) => BigInt(v ?? 0);
function message(m) {
  const out = { ...m };
  if (m.to !== undefined) out.to = parseAddress(m.to);
  for (const k of ["classId", "marketId", "expireHeight", "proposalId"]) if (m[k] !== undefined) out[k] = big(m[k]);
  if (m.lotIds) out.lotIds = m.lotIds.map(big);
  if (m.data) out.data = fromHex(m.data);
  return out;
}

const results = [];
for (const c of cases) {
  const key = await fromSeed(fromHex(c.seed));
  const body = {
    chainId: c.chainId, sender: parseAddress(key.address), nonce: big(c.nonce), gasLimit: big(c.gasLimit),
    gasPrice: big(c.gasPrice), expiryHeight: big(c.expiryHeight), msgs: c.msgs.map(message),
  };
  const bodyBytes = encodeBody(body);
  const toSign = signBytes(body.chainId, bodyBytes);
  const signature = await sign(key.privateKey, toSign);
  const result = {
    address: key.address, publicKey: toHex(key.publicKey), body: toHex(bodyBytes), signBytes: toHex(toSign),
    tx: toHex(encodeTx(bodyBytes, [{ publicKey: key.publicKey, signature }])), hash: toHex(await txHash(bodyBytes)),
  };
  if (c.passphrase) {
    // The stored form decrypts to the same seed with the passphrase and refuses another one (fewer iterations: speed).
    const record = await seal(fromHex(c.seed), c.passphrase, 1000);
    result.unsealed = toHex(await unseal(record, c.passphrase));
    result.wrongPassphrase = await unseal(record, c.passphrase + "x").then(() => "decrypted", (e) => e.message);
  }
  results.push(result);
}
process.stdout.write(JSON.stringify(results));
