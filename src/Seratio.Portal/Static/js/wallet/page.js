// The wallet page: one key in this browser's localStorage (encrypted), balances read through /api/wallet, forms that
// build a transaction, show what will be signed, sign it with the passphrase and hand the signed bytes to the portal.
import * as keys from "./keys.js";
import * as tx from "./tx.js";
import { parseAddress } from "./bech32m.js";

const STORE = "seratio.wallet.key.v1";
const WATCH = "seratio.wallet.watch.v1";
const DEFAULT_GAS = { transfer: 100000n, send_asset: 200000n, send_microshares: 200000n, place_order: 200000n, vote: 200000n };
const $ = (id) => document.getElementById(id);

let pending = null; // { body, bodyBytes } under review

function say(text) { $("wallet-status").textContent = text; }
function alertText(text) { $("wallet-alert").textContent = text; }

function stored() {
  const raw = localStorage.getItem(STORE);
  if (!raw) return null;
  try { return JSON.parse(raw); } catch { return null; }
}

function show() {
  const record = stored();
  $("key-setup").hidden = record !== null;
  $("account").hidden = record === null;
  $("actions").hidden = record === null;
  if (record) {
    $("wallet-address").textContent = record.address;
    refresh();
  }
}

function watched() {
  try { return JSON.parse(localStorage.getItem(WATCH) ?? "") ?? { assets: "", classes: "" }; } catch { return { assets: "", classes: "" }; }
}

async function fetchAccount(address) {
  const w = watched();
  const q = new URLSearchParams();
  if (w.assets) q.set("assets", w.assets);
  if (w.classes) q.set("classes", w.classes);
  const response = await fetch(`/api/wallet/accounts/${encodeURIComponent(address)}?${q}`, { headers: { Accept: "application/json" } });
  const json = await response.json();
  if (!response.ok) throw new Error(refusal(json));
  return json;
}

function refusal(json) {
  return `${json.code}${json.outcome ? " (" + json.outcome + ")" : ""}: ${json.message}`;
}

function ser(baseUnits) {
  const s = baseUnits.padStart(7, "0");
  const whole = s.slice(0, -6), fraction = s.slice(-6).replace(/0+$/, "");
  return `${whole}${fraction ? "." + fraction : ""} SER`;
}

async function refresh() {
  const record = stored();
  if (!record) return;
  try {
    const a = await fetchAccount(record.address);
    $("wallet-balance").textContent = `${ser(a.balance)} (${a.balance} base units)`;
    $("wallet-nonce").textContent = String(a.nonce);
    $("wallet-height").textContent = String(a.height);
    const body = $("holdings").tBodies[0];
    body.replaceChildren();
    for (const x of a.assets) row(body, `Altcoin ${x.symbol}`, x.balance ?? "", x.error ?? "");
    for (const m of a.microshares) row(body, `Microshare class ${m.class_id}`, m.units ?? "", m.error ?? (m.frozen_units && m.frozen_units !== "0" ? `${m.frozen_units} frozen` : ""));
    if (a.assets.length + a.microshares.length === 0) row(body, "None chosen", "", "Name altcoins or classes above to see their balances");
    return a;
  } catch (e) {
    alertText(`Could not read the account: ${e.message}`);
    return null;
  }
}

function row(body, ...cells) {
  const tr = body.insertRow();
  cells.forEach((c, i) => { const td = tr.insertCell(); td.textContent = c; if (i === 1) td.className = "num"; });
}

function uint(text, what, fallback) {
  const t = String(text ?? "").trim();
  if (t === "" && fallback !== undefined) return fallback;
  if (!/^(0|[1-9][0-9]*)$/.test(t) || BigInt(t) > 0xffffffffffffffffn) throw new Error(`${what} must be a whole number`);
  return BigInt(t);
}

function lotList(text) {
  const t = text.trim();
  return t === "" ? [] : t.split(",").map((s) => tx.parseId(s, "each lot id"));
}

function message(kind, f) {
  const v = (name) => (f.elements.namedItem(name)?.value ?? "").trim();
  switch (kind) {
    case "transfer": return { kind, to: parseAddress(v("to")), denom: "SER", amount: positive(tx.parseSer(v("amount")), "the amount"), memo: f.elements.namedItem("memo").value };
    case "send_asset": return { kind, symbol: v("symbol"), to: parseAddress(v("to")), amount: positive(tx.canonical(v("amount")), "the amount"), memo: f.elements.namedItem("memo").value };
    case "send_microshares": return { kind, classId: tx.parseId(v("classId"), "the class id"), to: parseAddress(v("to")), units: positive(tx.canonical(v("units")), "the units"), lotIds: lotList(v("lotIds")), memo: f.elements.namedItem("memo").value };
    case "place_order": return { kind, marketId: tx.parseId(v("marketId"), "the market id"), side: Number(v("side")), price: tx.canonical(v("price")), quantity: tx.canonical(v("quantity")), timeInForce: Number(v("timeInForce")), expireHeight: uint(v("expireHeight"), "the expire height", 0n), lotIds: lotList(v("lotIds")) };
    case "vote": return { kind, proposalId: tx.parseId(v("proposalId"), "the proposal id"), option: Number(v("option")) };
    default: throw new Error(`unknown form ${kind}`);
  }
}

function positive(amount, what) {
  if (amount === "0") throw new Error(`${what} must be more than zero`);
  return amount;
}

async function review(form) {
  alertText("");
  const record = stored();
  const kind = form.dataset.kind;
  let msg;
  try { msg = message(kind, form); } catch (e) { alertText(`Cannot build the transaction: ${e.message}`); return; }
  say("Reading the account's nonce…");
  const a = await refresh();
  if (!a) return;
  try {
    const expiry = uint($("expiry-blocks").value, "Valid for blocks", 100n);
    const body = {
      chainId: a.chain_id,
      sender: parseAddress(record.address),
      nonce: BigInt(a.nonce),
      gasLimit: uint($("gas-limit").value, "The gas limit", DEFAULT_GAS[kind]),
      gasPrice: uint($("gas-price").value, "The gas price", 0n),
      expiryHeight: expiry === 0n ? 0n : BigInt(a.height) + expiry,
      msgs: [msg],
    };
    if (body.gasLimit === 0n) throw new Error("The gas limit must be at least 1");
    const bodyBytes = tx.encodeBody(body);
    pending = { body, bodyBytes };
    const tbody = $("review-fields").tBodies[0];
    tbody.replaceChildren();
    for (const [name, value] of tx.describe(body)) {
      const tr = tbody.insertRow();
      const th = document.createElement("th");
      th.scope = "row";
      th.textContent = name;
      tr.appendChild(th);
      const td = tr.insertCell();
      td.textContent = value;
    }
    $("review-hash").textContent = tx.toHex(await tx.txHash(bodyBytes));
    $("review-signbytes").textContent = tx.toHex(tx.signBytes(body.chainId, bodyBytes));
    $("review").hidden = false;
    say("Review what will be signed below.");
    $("review-h").focus();
  } catch (e) {
    alertText(`Cannot build the transaction: ${e.message}`);
    say("");
  }
}

async function signAndSend() {
  if (!pending) return;
  alertText("");
  const passField = $("sign-pass");
  let key;
  try {
    say("Decrypting the key…");
    const seed = await keys.unseal(stored(), passField.value);
    key = await keys.fromSeed(seed);
    seed.fill(0);
  } catch (e) { alertText(e.message); say(""); return; }
  passField.value = "";
  const { body, bodyBytes } = pending;
  const signature = await keys.sign(key.privateKey, tx.signBytes(body.chainId, bodyBytes));
  const signed = tx.encodeTx(bodyBytes, [{ publicKey: key.publicKey, signature }]);
  say("Sending…");
  const response = await fetch("/api/wallet/submit", { method: "POST", headers: { "Content-Type": "application/octet-stream", Accept: "application/json" }, body: signed });
  const json = await response.json();
  if (!response.ok) {
    alertText(`The node refused the transaction: ${refusal(json)}`);
    say("");
    return;
  }
  pending = null;
  $("review").hidden = true;
  $("result").hidden = false;
  $("result-hash").textContent = json.tx_hash;
  $("result-status").textContent = "admitted; waiting for its block…";
  say(`Transaction ${json.tx_hash} admitted; waiting for its block.`);
  await poll(json.tx_hash);
}

async function poll(hash) {
  for (let i = 0; i < 60; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const response = await fetch(`/api/wallet/txs/${hash}?poll=true`, { headers: { Accept: "application/json" } });
    if (response.status === 202) continue;
    const json = await response.json();
    if (!response.ok) { alertText(`Could not read the receipt: ${refusal(json)}`); return; }
    const text = json.code === "OK" ? `committed at height ${json.height}: OK` : `committed at height ${json.height}: ${json.code}: ${json.log}`;
    $("result-status").textContent = text;
    if (json.code !== "OK") alertText(`The transaction failed: ${json.code}: ${json.log}`);
    say(`Transaction ${text}.`);
    await refresh();
    return;
  }
  $("result-status").textContent = "not committed within a minute; it may still be in the mempool";
}

async function create(seed, pass, pass2) {
  alertText("");
  if (pass2 !== undefined && pass !== pass2) { alertText("The two passphrases differ."); return; }
  try {
    say("Encrypting the key (this takes a moment)…");
    const record = await keys.seal(seed, pass);
    seed.fill(0);
    localStorage.setItem(STORE, JSON.stringify(record));
    say(`Key ready: ${record.address}`);
    show();
  } catch (e) { alertText(e.message); say(""); }
}

function on(id, event, handler) {
  $(id).addEventListener(event, (e) => { e.preventDefault(); handler(e).catch?.((err) => { alertText(err.message); }); });
}

function init() {
  on("create-form", "submit", async () => create(await keys.generateSeed(), $("create-pass").value, $("create-pass2").value));
  on("import-form", "submit", async () => {
    let seed;
    try { seed = tx.fromHex($("import-seed").value); } catch (e) { alertText(`The seed is ${e.message}`); return; }
    if (seed.length !== 32) { alertText(`An Ed25519 seed is 32 bytes (64 hex digits), got ${seed.length} bytes.`); return; }
    $("import-seed").value = "";
    await create(seed, $("import-pass").value);
  });
  const w = watched();
  $("watch-assets").value = w.assets;
  $("watch-classes").value = w.classes;
  on("watch-form", "submit", async () => {
    localStorage.setItem(WATCH, JSON.stringify({ assets: $("watch-assets").value.trim(), classes: $("watch-classes").value.trim() }));
    alertText("");
    await refresh();
  });
  on("backup-form", "submit", async () => {
    alertText("");
    try {
      const seed = await keys.unseal(stored(), $("backup-pass").value);
      $("backup-seed").textContent = tx.toHex(seed);
      $("backup").hidden = false;
    } catch (e) { alertText(e.message); }
    $("backup-pass").value = "";
  });
  on("refresh", "click", async () => { alertText(""); await refresh(); });
  on("forget", "click", async () => {
    if (!confirm("Forget this key? Without its seed elsewhere, what it holds is lost.")) return;
    localStorage.removeItem(STORE);
    $("review").hidden = true;
    $("backup").hidden = true;
    $("backup-seed").textContent = "";
    show();
  });
  for (const id of ["send-ser", "send-asset", "send-microshares", "place-order", "daf-vote"]) on(id, "submit", async (e) => review(e.target));
  on("sign-form", "submit", signAndSend);
  on("review-cancel", "click", async () => { pending = null; $("review").hidden = true; say("Nothing was signed."); });
  show();
}

if (!globalThis.crypto?.subtle) alertText("This browser has no WebCrypto: the wallet cannot make or use keys here.");
else init();
