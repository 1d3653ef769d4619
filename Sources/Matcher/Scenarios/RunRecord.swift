import CLibcrypto
import Foundation

/// The program's version, recorded in summary.json and printed by `match --version`.
public enum MatcherVersion {
    public static let string = "0.7.0"
}

/// One input file of a run as summary.json records it: its role, the path as given, its
/// size and the SHA-256 of its bytes (hex), so that an office can prove which files a plan
/// came from (`sha256sum households.csv` gives the same digest).
public struct InputRecord: Codable, Sendable, Equatable {
    /// households, helpers, policy, previous, locks or forbids.
    public var role: String
    public var path: String
    public var bytes: Int
    public var sha256: String

    /// Reads `path` and digests it; nil when it cannot be read.
    public init?(role: String, path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        self.role = role
        self.path = path
        bytes = data.count
        sha256 = Self.hex(Self.sha256(data))
    }

    /// SHA-256 of `data` by OpenSSL's one-shot EVP digest.
    static func sha256(_ data: Data) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let done = data.withUnsafeBytes { bytes in
            EVP_Digest(bytes.baseAddress, bytes.count, &digest, &length, EVP_sha256(), nil)
        }
        // EVP_Digest fails only when memory for its context cannot be had.
        precondition(done == 1 && length == 32, "OpenSSL's SHA-256 failed")
        return Array(digest.prefix(Int(length)))
    }

    static func hex(_ digest: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension YearlyPairing.Options {
    /// The input files of the run in a fixed order, each with its digest.
    public func inputRecords() -> [InputRecord] {
        let files: [(String, String?)] = [
            ("households", inputs.households), ("helpers", inputs.helpers), ("policy", inputs.policy), ("previous", previous),
            ("locks", inputs.locks), ("forbids", inputs.forbids),
        ]
        return InputRecord.records(files)
    }
}

extension InputRecord {
    /// A record for each given file, in the order given (roles without a file are left out).
    static func records(_ files: [(role: String, path: String?)]) -> [InputRecord] {
        files.compactMap { role, path in path.flatMap { InputRecord(role: role, path: $0) } }
    }
}

extension Policy {
    /// Every setting in effect for `model`, defaults filled in: a weight for each need
    /// dimension of the roll and a rule for each helper kind.
    public static func effective(_ model: CostModel) -> Policy {
        var policy = model.policy
        for (name, weight) in zip(model.roll.dimensions.names, model.weights) { policy.weights[name] = weight }
        for kind in HelperKind.allCases {
            let rule = model.policy.rule(kind)
            policy.kinds[kind.english] = KindRule(
                minSeverity: rule.minSeverity ?? 1, maxDistance: rule.maxDistance ?? model.policy.maxDistance)
        }
        return policy
    }
}
