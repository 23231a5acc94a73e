// The wallet's key: an Ed25519 key made or imported with WebCrypto, kept in this browser's storage encrypted under a
// passphrase (PBKDF2-SHA256, 600,000 iterations -> AES-256-GCM). The seed never leaves the browser; the server gets
// signed bytes only.
import { addressOf, toHex, fromHex } from "./tx.js";

export const ITERATIONS = 600000;
const PKCS8_PREFIX = fromHex("302e020100300506032b657004220420"); // RFC 8410: an Ed25519 private key of 32 bytes
const utf8 = new TextEncoder();

/** A key from its 32-byte RFC 8032 seed: { privateKey (non-extractable CryptoKey), publicKey (32 bytes), address }. */
export async function fromSeed(seed) {
  if (seed.length !== 32) throw new Error(`an Ed25519 seed is 32 bytes (64 hex digits), got ${seed.length}`);
  const pkcs8 = new Uint8Array(PKCS8_PREFIX.length + 32);
  pkcs8.set(PKCS8_PREFIX);
  pkcs8.set(seed, PKCS8_PREFIX.length);
  // Imported once as extractable only to read its public key, then again as a key that cannot be exported.
  const readable = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, true, ["sign"]);
  const jwk = await crypto.subtle.exportKey("jwk", readable);
  const publicKey = base64UrlDecode(jwk.x);
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, { name: "Ed25519" }, false, ["sign"]);
  return { privateKey, publicKey, address: await addressOf(publicKey) };
}

/** A new random seed from WebCrypto's Ed25519 key generation. */
export async function generateSeed() {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  return pkcs8.slice(pkcs8.length - 32);
}

/** An Ed25519 signature (64 bytes) of bytes. */
export async function sign(privateKey, bytes) {
  return new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, privateKey, bytes));
}

async function aesKey(passphrase, salt, iterations) {
  const base = await crypto.subtle.importKey("raw", utf8.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey({ name: "PBKDF2", hash: "SHA-256", salt, iterations }, base, { name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
}

/** The stored form of a seed: encrypted under the passphrase, with the public key and address in the clear. */
export async function seal(seed, passphrase, iterations = ITERATIONS) {
  if (passphrase.length < 8) throw new Error("choose a passphrase of at least 8 characters");
  const { publicKey, address } = await fromSeed(seed);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(passphrase, salt, iterations);
  // The address is the additional data: a stored record whose address was edited does not decrypt.
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: utf8.encode(address) }, key, seed));
  return { version: 1, kdf: "PBKDF2-SHA256", iterations, cipher: "AES-256-GCM", salt: toHex(salt), iv: toHex(iv), ciphertext: toHex(ciphertext), publicKey: toHex(publicKey), address };
}

/** The seed of a stored record; throws "wrong passphrase" when it does not decrypt. */
export async function unseal(record, passphrase) {
  if (record.version !== 1 || record.kdf !== "PBKDF2-SHA256" || record.cipher !== "AES-256-GCM") throw new Error("the stored key is in a form this wallet does not read");
  const key = await aesKey(passphrase, fromHex(record.salt), record.iterations);
  try {
    return new Uint8Array(await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromHex(record.iv), additionalData: utf8.encode(record.address) }, key, fromHex(record.ciphertext)));
  } catch {
    throw new Error("wrong passphrase: the stored key does not decrypt with it");
  }
}

function base64UrlDecode(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(text.length / 4) * 4, "=");
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
