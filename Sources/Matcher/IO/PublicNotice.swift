/// Masking of personal names for public notice (公示).
public enum PublicNotice {
    /// Keeps the first and (for three or more characters) the last character and stars the
    /// rest: 张三 → 张*, 张晓华 → 张*华, 欧阳明华 → 欧**华.
    public static func mask(_ name: String) -> String {
        let characters = Array(name)
        switch characters.count {
        case 0: return ""
        case 1: return "*"
        case 2: return String(characters[0]) + "*"
        default:
            return String(characters[0]) + String(repeating: "*", count: characters.count - 2)
                + String(characters[characters.count - 1])
        }
    }
}
