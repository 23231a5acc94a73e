// The portal's common script, loaded on every page as an ES module. Page scripts live beside it
// (e.g. /static/js/wallet.js) and are loaded by the pages that need them. No third-party code.
export function text(el, value) { if (el) el.textContent = String(value); }
