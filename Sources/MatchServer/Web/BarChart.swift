import Foundation

/// A horizontal bar chart as inline SVG, drawn on the server (no script, prints as it
/// shows): one bar per item with its label on the left and its figure on the right.
struct BarChart {
    struct Bar {
        var label: String
        /// The bar's length, from 0 to `scale`.
        var value: Double
        /// The figure written after the bar.
        var figure: String
        /// Highlighted (drawn in the warning colour), e.g. a place below its coverage rule.
        var warn = false
    }

    var bars: [Bar]
    /// The value of a full-length bar (1 for fractions; the largest value otherwise).
    var scale: Double
    var title: String

    static let rowHeight = 22.0, labelWidth = 190.0, barWidth = 300.0, figureWidth = 90.0

    var svg: String {
        let height = Double(bars.count) * Self.rowHeight + 8
        let width = Self.labelWidth + Self.barWidth + Self.figureWidth
        var out = #"<svg class="chart" role="img" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))" xmlns="http://www.w3.org/2000/svg">"#
        out += "<title>\(Self.escape(title))</title>"
        for (i, bar) in bars.enumerated() {
            let y = Double(i) * Self.rowHeight + 4
            let length = scale > 0 ? max(0, min(1, bar.value / scale)) * Self.barWidth : 0
            out += #"<text x="\#(Self.labelWidth - 8)" y="\#(y + 15)" text-anchor="end" class="label">\#(Self.escape(Self.short(bar.label)))</text>"#
            out += #"<rect x="\#(Self.labelWidth)" y="\#(y + 3)" width="\#(Self.barWidth)" height="15" class="track"/>"#
            out += String(format: #"<rect x="%.0f" y="%.0f" width="%.1f" height="15" class="%@"/>"#,
                          Self.labelWidth, y + 3, length, bar.warn ? "bar warn" : "bar")
            out += #"<text x="\#(Self.labelWidth + Self.barWidth + 8)" y="\#(y + 15)" class="figure">\#(Self.escape(bar.figure))</text>"#
        }
        return out + "</svg>"
    }

    /// Long place names are cut to fit the label column (the full name is in the table below).
    private static func short(_ label: String) -> String {
        label.count > 16 ? String(label.prefix(15)) + "…" : label
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
