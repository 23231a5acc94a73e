// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {StateProofs} from "./StateProofs.sol";

/// @title SeratioAnchor
/// @notice Anchors Seratio Chain checkpoints on an EVM chain (Ethereum, Ethereum Classic) and
/// proves Seratio state against them. A checkpoint is accepted only when signers holding more
/// than 2/3 of the stored anchor set's power signed it as EIP-712 typed data for this
/// contract on this chain, at a height above the last one; a checkpoint whose next anchor set
/// hash differs hands the set over to the new one. docs/anchoring.md is the specification.
/// @dev No owner, no upgrade, no pause: the anchor set is the only authority, and it can only
/// change through a checkpoint it signed.
contract SeratioAnchor {
    /// @notice The signed message: a Seratio block's commitment and the anchor sets around it.
    struct Checkpoint {
        string seratioChainId;
        uint64 height;
        bytes32 blockHash;
        bytes32 stateRoot;
        bytes32 anchorSetHash;
        bytes32 nextAnchorSetHash;
    }

    /// @notice An ECDSA signature over secp256k1, v in {27, 28}.
    struct Signature {
        uint8 v;
        bytes32 r;
        bytes32 s;
    }

    /// @notice What an anchored height proves.
    struct Anchored {
        bytes32 stateRoot;
        bytes32 blockHash;
    }

    bytes32 public constant CHECKPOINT_TYPEHASH = keccak256(
        "Checkpoint(string seratioChainId,uint64 height,bytes32 blockHash,bytes32 stateRoot,bytes32 anchorSetHash,bytes32 nextAnchorSetHash)"
    );
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant NAME_HASH = keccak256("SeratioAnchor");
    bytes32 private constant VERSION_HASH = keccak256("1");
    /// @dev secp256k1n / 2: a larger s is the malleable twin of a valid signature (EIP-2).
    uint256 private constant HALF_N = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    // ---- errors (constructor and handover: the set; submitCheckpoint: the checkpoint) ----
    error EmptySeratioChainId();
    error EmptyAnchorSet();
    error AnchorSetLengthMismatch(uint256 signers, uint256 powers);
    error AnchorSignersNotAscending(uint256 index);
    error ZeroPower(uint256 index);
    error PowerTooLarge(uint256 index, uint256 power);
    error WrongSeratioChainId(string expected, string given);
    error HeightNotAboveLast(uint64 height, uint64 lastHeight);
    error ZeroBlockHash();
    error WrongAnchorSetHash(bytes32 expected, bytes32 given);
    error NextAnchorSetMismatch(bytes32 claimed, bytes32 computed);
    error UnexpectedNextAnchorSet();
    error InvalidSignatureV(uint256 index, uint8 v);
    error HighSSignature(uint256 index);
    error InvalidSignature(uint256 index);
    error SignersNotAscending(uint256 index, address signer);
    error SignerNotInAnchorSet(uint256 index, address signer);
    error InsufficientPower(uint256 signed, uint256 total);
    error UnknownHeight(uint64 height);

    event CheckpointAnchored(uint64 indexed height, bytes32 blockHash, bytes32 stateRoot, bytes32 anchorSetHash);
    event AnchorSetChanged(uint256 indexed epoch, bytes32 anchorSetHash, address[] signers, uint256[] powers);

    string private _seratioChainId;
    bytes32 private immutable _seratioChainIdHash;

    /// @notice The current anchor set: its number (0 for the genesis set), hash and total power.
    uint256 public epoch;
    bytes32 public anchorSetHash;
    uint256 public totalPower;
    /// @notice The highest anchored Seratio height (0 before the first checkpoint).
    uint64 public lastHeight;

    mapping(uint256 epoch => mapping(address signer => uint256 power)) private _powers;
    mapping(uint64 height => Anchored) private _anchored;

    /// @param chainId the Seratio chain id every checkpoint must carry
    /// @param signers the genesis anchor set's addresses, strictly ascending
    /// @param powers their powers, each in 1 .. 2^64-1
    constructor(string memory chainId, address[] memory signers, uint256[] memory powers) {
        if (bytes(chainId).length == 0) revert EmptySeratioChainId();
        _seratioChainId = chainId;
        _seratioChainIdHash = keccak256(bytes(chainId));
        _checkSet(signers, powers);
        _install(0, signers, powers);
    }

    /// @notice The Seratio chain id this contract anchors.
    function seratioChainId() external view returns (string memory) {
        return _seratioChainId;
    }

    /// @notice The power of `signer` in the current anchor set (0 when not a member).
    function powerOf(address signer) external view returns (uint256) {
        return _powers[epoch][signer];
    }

    /// @notice The state root and block hash anchored at `height`; reverts UnknownHeight when none.
    function checkpointAt(uint64 height) external view returns (bytes32 stateRoot, bytes32 blockHash) {
        Anchored storage a = _anchored[height];
        if (a.blockHash == bytes32(0)) revert UnknownHeight(height);
        return (a.stateRoot, a.blockHash);
    }

    /// @notice The EIP-712 domain separator of this contract on this chain.
    function domainSeparator() public view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @notice The EIP-712 digest the anchor keys sign for `cp`.
    function checkpointDigest(Checkpoint calldata cp) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                CHECKPOINT_TYPEHASH,
                keccak256(bytes(cp.seratioChainId)),
                cp.height,
                cp.blockHash,
                cp.stateRoot,
                cp.anchorSetHash,
                cp.nextAnchorSetHash
            )
        );
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(), structHash));
    }

    /// @notice The hash of an anchor set: keccak256(abi.encode(signers, powers)).
    function hashAnchorSet(address[] memory signers, uint256[] memory powers) public pure returns (bytes32) {
        return keccak256(abi.encode(signers, powers));
    }

    /// @notice Anchors `cp`, signed by more than 2/3 of the current set's power. When
    /// cp.nextAnchorSetHash differs from cp.anchorSetHash, `nextSigners`/`nextPowers` must be
    /// the set it names and become the current set; otherwise both must be empty.
    /// @param sigs one signature per signer, ordered by strictly ascending signer address
    function submitCheckpoint(
        Checkpoint calldata cp,
        Signature[] calldata sigs,
        address[] calldata nextSigners,
        uint256[] calldata nextPowers
    ) external {
        if (keccak256(bytes(cp.seratioChainId)) != _seratioChainIdHash) {
            revert WrongSeratioChainId(_seratioChainId, cp.seratioChainId);
        }
        if (cp.height <= lastHeight) revert HeightNotAboveLast(cp.height, lastHeight);
        if (cp.blockHash == bytes32(0)) revert ZeroBlockHash();
        bytes32 current = anchorSetHash;
        if (cp.anchorSetHash != current) revert WrongAnchorSetHash(current, cp.anchorSetHash);

        bool handover = cp.nextAnchorSetHash != current;
        if (handover) {
            _checkSet(nextSigners, nextPowers);
            bytes32 computed = hashAnchorSet(nextSigners, nextPowers);
            if (computed != cp.nextAnchorSetHash) revert NextAnchorSetMismatch(cp.nextAnchorSetHash, computed);
        } else if (nextSigners.length != 0 || nextPowers.length != 0) {
            revert UnexpectedNextAnchorSet();
        }

        uint256 signed = _signedPower(checkpointDigest(cp), sigs);
        uint256 total = totalPower;
        if (signed * 3 <= total * 2) revert InsufficientPower(signed, total);

        _anchored[cp.height] = Anchored({stateRoot: cp.stateRoot, blockHash: cp.blockHash});
        lastHeight = cp.height;
        emit CheckpointAnchored(cp.height, cp.blockHash, cp.stateRoot, cp.anchorSetHash);
        if (handover) _install(epoch + 1, nextSigners, nextPowers);
    }

    /// @notice Whether `proof` holds against the state root anchored at `height`
    /// (docs/state-proofs.md); reverts UnknownHeight when nothing is anchored there.
    function verifyState(uint64 height, StateProofs.StateProof calldata proof) external view returns (bool) {
        Anchored storage a = _anchored[height];
        if (a.blockHash == bytes32(0)) revert UnknownHeight(height);
        return StateProofs.verify(a.stateRoot, proof);
    }

    /// @notice Whether `proof` holds against `root` (no anchoring involved).
    function verifyProof(bytes32 root, StateProofs.StateProof calldata proof) external view returns (bool) {
        return StateProofs.verify(root, proof);
    }

    /// @dev Sums the current-set power of the signers of `digest`, refusing malleable, invalid,
    /// unordered (hence also repeated) and unknown signers.
    function _signedPower(bytes32 digest, Signature[] calldata sigs) private view returns (uint256 signed) {
        mapping(address => uint256) storage powers = _powers[epoch];
        address previous = address(0);
        for (uint256 i = 0; i < sigs.length; ++i) {
            Signature calldata sig = sigs[i];
            if (sig.v != 27 && sig.v != 28) revert InvalidSignatureV(i, sig.v);
            if (uint256(sig.s) > HALF_N) revert HighSSignature(i);
            address signer = ecrecover(digest, sig.v, sig.r, sig.s);
            if (signer == address(0)) revert InvalidSignature(i);
            if (signer <= previous) revert SignersNotAscending(i, signer);
            uint256 power = powers[signer];
            if (power == 0) revert SignerNotInAnchorSet(i, signer);
            signed += power;
            previous = signer;
        }
    }

    /// @dev A valid set: non-empty, as many powers as signers, signers strictly ascending
    /// (so distinct and never address(0) after the first), every power in 1 .. 2^64-1.
    function _checkSet(address[] memory signers, uint256[] memory powers) private pure {
        if (signers.length == 0) revert EmptyAnchorSet();
        if (signers.length != powers.length) revert AnchorSetLengthMismatch(signers.length, powers.length);
        for (uint256 i = 0; i < signers.length; ++i) {
            if (signers[i] == address(0) || (i > 0 && signers[i] <= signers[i - 1])) {
                revert AnchorSignersNotAscending(i);
            }
            if (powers[i] == 0) revert ZeroPower(i);
            if (powers[i] > type(uint64).max) revert PowerTooLarge(i, powers[i]);
        }
    }

    function _install(uint256 newEpoch, address[] memory signers, uint256[] memory powers) private {
        mapping(address => uint256) storage set = _powers[newEpoch];
        uint256 total;
        for (uint256 i = 0; i < signers.length; ++i) {
            set[signers[i]] = powers[i];
            total += powers[i];
        }
        bytes32 hash = hashAnchorSet(signers, powers);
        epoch = newEpoch;
        anchorSetHash = hash;
        totalPower = total;
        emit AnchorSetChanged(newEpoch, hash, signers, powers);
    }
}
