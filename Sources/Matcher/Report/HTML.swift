/// Text made safe for HTML and SVG, and numbers written the same way on every machine.
enum HTML {
    /// `text` with `& < > " '` replaced by entities, safe in element content and in quoted
    /// attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// 4002 → "4,002" (no locale: reports are byte-identical everywhere).
    static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// 0.8525 → "85.3%".
    static func percent(_ x: Double) -> String {
        let tenths = Int((x * 1000).rounded()), m = abs(tenths)
        return (tenths < 0 ? "-" : "") + String(m / 10) + "." + String(m % 10) + "%"
    }

    /// A signed change: "+12", "-3", "0".
    static func change(_ n: Int) -> String { n > 0 ? "+" + count(n) : count(n) }
}
