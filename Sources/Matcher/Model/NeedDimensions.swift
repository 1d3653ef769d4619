/// The dimensions of need and offer: the six of SPEC, then any extra `need_X` columns.
public struct NeedDimensions: Sendable, Equatable {
    public static let standard = ["material", "emotional", "policy", "employment", "education", "medical"]
    public static let chineseNames = [
        "material": "物质", "emotional": "精神", "policy": "政策",
        "employment": "就业", "education": "助学", "medical": "医疗",
    ]

    public var names: [String]
    public var count: Int { names.count }

    public init(extra: [String] = []) { names = Self.standard + extra }

    public func chinese(_ index: Int) -> String { Self.chineseNames[names[index]] ?? names[index] }

    /// The dimension a header cell names with `prefix` ("need_" or "offer_"), or its Chinese
    /// alias, or nil.
    public static func dimension(ofHeader header: String, prefix: String) -> String? {
        if header.hasPrefix(prefix) {
            let name = String(header.dropFirst(prefix.count))
            return name.isEmpty ? nil : name
        }
        return chineseNames.first(where: { $0.value == header })?.key
    }
}

/// The highest level of a need or an offer.
public let maximumLevel = 3
