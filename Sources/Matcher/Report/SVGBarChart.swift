/// A horizontal bar chart drawn as inline SVG text: one row per bar, one bar per series in
/// each row (one series for a plan, two for a before/after), the value written at the end
/// of each bar. No script, no external font or image: the page that holds it stays
/// self-contained. (Inline in HTML, an `<svg>` needs no namespace attribute.)
///
/// Text widths are estimated (a CJK character as one em, other characters as 0.6 em), which
/// is enough to lay out labels without a font engine.
struct SVGBarChart {
    struct Bar {
        var label: String
        /// One value per series.
        var values: [Double]
        /// What is written after each bar (one per series).
        var texts: [String]
    }

    var bars: [Bar]
    /// Names of the series, shown as a legend when there are two or more.
    var series: [String]
    /// The value a full-width bar stands for; nil means the largest value.
    var scaleMaximum: Double?
    /// What the chart shows, for screen readers (the SVG's title).
    var caption: String
    var width = 760

    static let fontSize = 12.0
    /// Fill of each series: a plan (or "before") in blue, "after" in orange.
    static let colors = ["#3b6fb6", "#e3892b", "#5a9e4b"]

    /// Estimated width in pixels of `text` at the chart's font size.
    static func textWidth(_ text: String) -> Double {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? fontSize : fontSize * 0.6) }
    }

    var svg: String {
        let seriesCount = max(1, series.count)
        let barHeight = seriesCount == 1 ? 18.0 : 13.0, gap = 8.0
        let legendHeight = seriesCount > 1 ? 24.0 : 0
        let labelWidth = min(280, max(40, bars.map { Self.textWidth($0.label) }.max() ?? 0) + 12)
        let valueWidth = min(220, (bars.flatMap(\.texts).map(Self.textWidth).max() ?? 0) + 10)
        let plotX = labelWidth, plotWidth = max(60, Double(width) - labelWidth - valueWidth)
        let largest = bars.flatMap(\.values).max() ?? 0
        let scale = (scaleMaximum ?? largest) > 0 ? (scaleMaximum ?? largest) : 1
        let rowHeight = Double(seriesCount) * barHeight + gap
        let height = legendHeight + Double(bars.count) * rowHeight + gap
        var out = """
            <svg class="chart" role="img" width="\(width)" \
            height="\(Self.number(height))" viewBox="0 0 \(width) \(Self.number(height))" \
            font-size="\(Self.number(Self.fontSize))"><title>\(HTML.escape(caption))</title>\n
            """
        if seriesCount > 1 {
            var x = plotX
            for (s, name) in series.enumerated() {
                out += "<rect x=\"\(Self.number(x))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(Self.color(s))\"/>"
                out += "<text x=\"\(Self.number(x + 16))\" y=\"16\">\(HTML.escape(name))</text>\n"
                x += 16 + Self.textWidth(name) + 24
            }
        }
        for (i, bar) in bars.enumerated() {
            let top = legendHeight + gap / 2 + Double(i) * rowHeight
            let middle = top + Double(seriesCount) * barHeight / 2
            out += "<text x=\"\(Self.number(plotX - 8))\" y=\"\(Self.number(middle + 4))\" text-anchor=\"end\">"
            out += HTML.escape(bar.label) + "</text>\n"
            for s in 0..<min(seriesCount, bar.values.count) {
                let y = top + Double(s) * barHeight
                let w = max(0, min(1, bar.values[s] / scale)) * plotWidth
                out += "<rect x=\"\(Self.number(plotX))\" y=\"\(Self.number(y))\" width=\"\(Self.number(w))\" "
                out += "height=\"\(Self.number(barHeight - 2))\" fill=\"\(Self.color(s))\"/>"
                let text = s < bar.texts.count ? bar.texts[s] : ""
                out += "<text x=\"\(Self.number(plotX + w + 4))\" y=\"\(Self.number(y + barHeight / 2 + 3))\" "
                out += "fill=\"#333\">\(HTML.escape(text))</text>\n"
            }
        }
        out += "<line x1=\"\(Self.number(plotX))\" y1=\"\(Self.number(legendHeight))\" x2=\"\(Self.number(plotX))\" "
        out += "y2=\"\(Self.number(height))\" stroke=\"#888\"/>\n</svg>"
        return out
    }

    static func color(_ series: Int) -> String { colors[series % colors.count] }

    /// A coordinate with at most one decimal, the same on every machine.
    static func number(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded()), m = abs(tenths)
        return (tenths < 0 ? "-" : "") + String(m / 10) + (m % 10 == 0 ? "" : "." + String(m % 10))
    }
}
