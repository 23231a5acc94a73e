// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title StateProofs
/// @notice Verifies a Seratio state proof (docs/state-proofs.md: SHA-256 with domain tags, a
/// compressed sparse Merkle tree over 256-bit keys, membership and non-membership) against a
/// root, with the sha256 precompile. Every canonical-form check of the document is applied,
/// so exactly the proofs the C# StateProofVerifier accepts are accepted here.
/// @dev Byte fields are `bytes` (not bytes32) so that a proof is passed field for field as
/// `seratio.v1.StateProof` holds it, wrong lengths included, and refused here rather than by
/// the caller's encoder. Pure library: no state, safe to call from any context.
library StateProofs {
    /// @notice One proof, field for field the `seratio.v1.StateProof` message.
    struct StateProof {
        bytes key;
        bool exists;
        bytes value;
        bytes otherLeafKey;
        bytes otherLeafValueHash;
        uint32 depth;
        bytes siblingBitmap;
        bytes[] siblings;
    }

    // ASCII domain tags, left-aligned in a word: "seratio/value" (13), "seratio/leaf" (12), "seratio/node" (12).
    bytes32 private constant TAG_VALUE = "seratio/value";
    bytes32 private constant TAG_LEAF = "seratio/leaf";
    bytes32 private constant TAG_NODE = "seratio/node";

    /// @notice True when `p` proves, in canonical form, that the tree with root `root` holds
    /// `p.value` at `p.key` (p.exists) or holds nothing at `p.key` (!p.exists). Never reverts
    /// on a malformed proof: it returns false.
    function verify(bytes32 root, StateProof calldata p) internal view returns (bool) {
        if (p.key.length != 32) return false;
        bytes32 key = bytes32(p.key);
        uint256 depth = p.depth;
        if (depth > 256) return false;
        if (p.siblingBitmap.length != (depth + 7) >> 3) return false;
        uint256 bitmap = _leftAlignedWord(p.siblingBitmap);
        // bits at positions >= depth (the low 256 - depth bits of the word) must be 0
        uint256 stray;
        assembly ("memory-safe") {
            stray := and(bitmap, sub(shl(sub(256, depth), 1), 1))
        }
        if (stray != 0) return false;

        bytes32 h;
        if (p.exists) {
            if (p.otherLeafKey.length != 0 || p.otherLeafValueHash.length != 0) return false;
            h = _leafHash(key, _valueHash(p.value));
        } else {
            if (p.value.length != 0) return false;
            if (p.otherLeafKey.length == 0 && p.otherLeafValueHash.length == 0) {
                if (depth == 0 && root != bytes32(0)) return false;
                h = bytes32(0);
            } else {
                if (p.otherLeafKey.length != 32 || p.otherLeafValueHash.length != 32) return false;
                bytes32 otherKey = bytes32(p.otherLeafKey);
                if (otherKey == key) return false;
                // the first `depth` bits agree (a shift by 256 gives 0: depth 0 shares nothing)
                if ((uint256(otherKey ^ key) >> (256 - depth)) != 0) return false;
                h = _leafHash(otherKey, bytes32(p.otherLeafValueHash));
            }
        }

        (bool ok, bytes32 top) = _walkUp(h, key, depth, bitmap, p.siblings);
        return ok && top == root;
    }

    /// @dev Hashes from depth `depth` up to the root: bit d of `bitmap` says whether level d
    /// has a listed sibling (deepest listed first); bit d of `key` says on which side the path is.
    /// Fails when a listed sibling is not 32 non-zero bytes or when siblings are left over.
    function _walkUp(bytes32 h, bytes32 key, uint256 depth, uint256 bitmap, bytes[] calldata siblings)
        private
        view
        returns (bool ok, bytes32 top)
    {
        uint256 count = siblings.length;
        uint256 next;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            let k := key
            ok := 1
            for { let d := depth } gt(d, 0) {} {
                d := sub(d, 1)
                let shift := sub(255, d)
                let s := 0
                if and(shr(shift, bitmap), 1) {
                    if iszero(lt(next, count)) {
                        ok := 0
                        break
                    }
                    // siblings[next]: its offset is relative to the start of the offset table
                    let elem := add(siblings.offset, calldataload(add(siblings.offset, shl(5, next))))
                    if iszero(eq(calldataload(elem), 32)) {
                        ok := 0
                        break
                    }
                    s := calldataload(add(elem, 32))
                    if iszero(s) {
                        ok := 0
                        break
                    }
                    next := add(next, 1)
                }
                mstore(ptr, TAG_NODE)
                switch and(shr(shift, k), 1)
                case 0 {
                    mstore(add(ptr, 12), h)
                    mstore(add(ptr, 44), s)
                }
                default {
                    mstore(add(ptr, 12), s)
                    mstore(add(ptr, 44), h)
                }
                if iszero(staticcall(gas(), 0x02, ptr, 76, ptr, 32)) { revert(0, 0) }
                h := mload(ptr)
            }
            if iszero(eq(next, count)) { ok := 0 }
            top := h
        }
    }

    /// @dev The first min(32, len) bytes of `b` as a big-endian word, zero-padded on the right.
    function _leftAlignedWord(bytes calldata b) private pure returns (uint256 w) {
        uint256 len = b.length;
        if (len == 0) return 0;
        assembly ("memory-safe") {
            w := calldataload(b.offset)
            if lt(len, 32) { w := and(w, not(sub(shl(sub(256, shl(3, len)), 1), 1))) }
        }
    }

    /// @dev H("seratio/value", value).
    function _valueHash(bytes calldata value) private view returns (bytes32 r) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, TAG_VALUE)
            calldatacopy(add(ptr, 13), value.offset, value.length)
            if iszero(staticcall(gas(), 0x02, ptr, add(13, value.length), 0x00, 32)) { revert(0, 0) }
            r := mload(0x00)
        }
    }

    /// @dev H("seratio/leaf", key || valueHash).
    function _leafHash(bytes32 key, bytes32 valueHash) private view returns (bytes32 r) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, TAG_LEAF)
            mstore(add(ptr, 12), key)
            mstore(add(ptr, 44), valueHash)
            if iszero(staticcall(gas(), 0x02, ptr, 76, 0x00, 32)) { revert(0, 0) }
            r := mload(0x00)
        }
    }
}
