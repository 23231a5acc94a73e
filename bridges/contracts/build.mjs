// Compiles src/*.sol with solcjs (npm `solc`, pinned in package-lock.json) through its
// standard-JSON interface and writes, for each contract, <Contract>.abi.json and <Contract>.bin
// into out/ (or the folder given as the first argument). Reproducible: fixed compiler, fixed
// settings, no metadata hash in the bytecode, sorted inputs, stable JSON formatting, so a
// rebuild from the same sources gives the same bytes (a test in tests/Seratio.Bridges.Tests
// checks that the committed out/ equals a fresh build).
//
//   node build.mjs            # rewrite out/
//   node build.mjs /tmp/x     # build elsewhere (what the test does)
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const solc = createRequire(import.meta.url)("solc");
const expectedVersion = "0.8.37";
if (!solc.version().startsWith(expectedVersion + "+")) {
  console.error(`build.mjs: solc ${solc.version()} found, ${expectedVersion} expected (run npm ci in bridges/contracts)`);
  process.exit(1);
}

// Contracts deployed on their own; libraries are linked in internally and produce no artefact.
const deployables = ["SeratioAnchor"];
const outDir = resolve(process.argv[2] ?? join(here, "out"));
const srcDir = join(here, "src");

const sources = {};
for (const name of readdirSync(srcDir).filter((f) => f.endsWith(".sol")).sort()) {
  sources[`src/${name}`] = { content: readFileSync(join(srcDir, name), "utf8") };
}

const input = {
  language: "Solidity",
  sources,
  settings: {
    // Ethereum Classic's Spiral fork is Shanghai-level: no later opcodes (MCOPY, TSTORE, ...).
    evmVersion: "shanghai",
    optimizer: { enabled: true, runs: 200 },
    viaIR: false,
    metadata: { bytecodeHash: "none", appendCBOR: false },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) process.exit(1);
if ((output.errors ?? []).some((e) => e.severity === "warning")) {
  console.error("build.mjs: warnings are errors here");
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
for (const [file, contracts] of Object.entries(output.contracts)) {
  for (const [name, artefact] of Object.entries(contracts)) {
    if (!deployables.includes(name)) continue;
    writeFileSync(join(outDir, `${name}.abi.json`), JSON.stringify(artefact.abi, null, 2) + "\n");
    writeFileSync(join(outDir, `${name}.bin`), artefact.evm.bytecode.object + "\n");
    console.log(`${file}:${name} -> ${join(outDir, name)}.{abi.json,bin} (${artefact.evm.bytecode.object.length / 2} bytes)`);
  }
}
