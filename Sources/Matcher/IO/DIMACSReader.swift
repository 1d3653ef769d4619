/// A DIMACS assignment instance (`p asn`) turned into an ``AssignmentProblem``, with the maps
/// that take rows and columns back to the file's node ids.
///
/// Sources (the nodes named on `n` lines) become rows and every other node a column, each in
/// increasing node number. Every column has capacity 1 and no row may stay unassigned
/// (`unassignedCost == nil`): the classical rectangular assignment problem.
public struct DIMACSInstance: Sendable, Equatable {
    /// The problem to solve: row `r` is node `sourceNode[r]`, column `g` is node `sinkNode[g]`.
    public var problem: AssignmentProblem
    /// Node id (1-based, as in the file) of each row.
    public var sourceNode: [Int32]
    /// Node id (1-based, as in the file) of each column.
    public var sinkNode: [Int32]
    /// The node count declared on the `p` line.
    public var nodeCount: Int

    public init(problem: AssignmentProblem, sourceNode: [Int32], sinkNode: [Int32], nodeCount: Int) {
        self.problem = problem
        self.sourceNode = sourceNode
        self.sinkNode = sinkNode
        self.nodeCount = nodeCount
    }
}

/// Why a DIMACS assignment file was rejected. Lines and columns are 1-based; a column counts
/// bytes from the start of its line.
public enum DIMACSError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// An `n` or `a` line came before any `p` line (`line` is that descriptor's line), or the
    /// file has no `p` line at all (`line` is one past the last line).
    case missingProblemLine(line: Int)
    /// A second `p` line; `firstLine` is where the first one was.
    case duplicateProblemLine(line: Int, firstLine: Int)
    /// The `p` line names another problem kind than `asn` (for example `min` or `max`).
    case wrongProblemKind(line: Int, column: Int, found: String)
    /// A field that should be an integer is missing, is not one, or does not fit;
    /// `field` names what was expected (`node count`, `source node`, `cost`, …).
    case badNumber(line: Int, column: Int, field: String)
    /// A line that starts with neither `c`, `p`, `n` nor `a`.
    case unknownDescriptor(line: Int, column: Int, found: String)
    /// Text after the last field of a line.
    case unexpectedText(line: Int, column: Int)
    /// A node id outside `1...nodeCount`.
    case nodeOutOfRange(line: Int, column: Int, node: Int, nodeCount: Int)
    /// The same node named on two `n` lines.
    case duplicateSource(line: Int, node: Int)
    /// An `n` line after the first `a` line (DIMACS puts node descriptors before arcs).
    case sourceAfterArcs(line: Int)
    /// An arc whose tail is not a source node.
    case arcFromSink(line: Int, node: Int)
    /// An arc whose head is a source node.
    case arcToSource(line: Int, node: Int)
    /// The number of `a` lines differs from the count on the `p` line (at `line`).
    case arcCountMismatch(line: Int, declared: Int, found: Int)
    /// A second arc between the same source and sink; `firstLine` is where the first one was.
    case duplicateArc(line: Int, firstLine: Int, source: Int, sink: Int)
    /// The file declares or holds no arc (`line` is the `p` line).
    case noArcs(line: Int)
    /// The `p` line declares more nodes and arcs than the memory budget allows (checked
    /// before anything of that size is allocated).
    case tooLarge(line: Int, column: Int, ScaleLimitExceeded)

    /// The line the error points at, or nil when it has none.
    public var line: Int? {
        switch self {
        case .unreadable: return nil
        case .missingProblemLine(let l), .duplicateProblemLine(let l, _),
            .wrongProblemKind(let l, _, _), .badNumber(let l, _, _),
            .unknownDescriptor(let l, _, _), .unexpectedText(let l, _),
            .nodeOutOfRange(let l, _, _, _), .duplicateSource(let l, _), .sourceAfterArcs(let l),
            .arcFromSink(let l, _), .arcToSource(let l, _), .arcCountMismatch(let l, _, _),
            .duplicateArc(let l, _, _, _), .noArcs(let l), .tooLarge(let l, _, _):
            return l
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .missingProblemLine(let line):
            return "line \(line): no 'p asn NODES ARCS' line before this point"
        case .duplicateProblemLine(let line, let first):
            return "line \(line): second 'p' line (the first is on line \(first))"
        case .wrongProblemKind(let line, let column, let found):
            return "line \(line), column \(column): problem kind '\(found)', expected 'asn'"
        case .badNumber(let line, let column, let field):
            return "line \(line), column \(column): expected an integer \(field)"
        case .unknownDescriptor(let line, let column, let found):
            return "line \(line), column \(column): unknown line type '\(found)' (expected c, p, n or a)"
        case .unexpectedText(let line, let column):
            return "line \(line), column \(column): unexpected text after the last field"
        case .nodeOutOfRange(let line, let column, let node, let count):
            return "line \(line), column \(column): node \(node) is outside 1...\(count)"
        case .duplicateSource(let line, let node):
            return "line \(line): node \(node) is already a source"
        case .sourceAfterArcs(let line):
            return "line \(line): 'n' line after the first arc (node lines must come first)"
        case .arcFromSink(let line, let node):
            return "line \(line): arc leaves node \(node), which is not a source ('n' line)"
        case .arcToSource(let line, let node):
            return "line \(line): arc enters node \(node), which is a source"
        case .arcCountMismatch(let line, let declared, let found):
            return "line \(line): the 'p' line declares \(declared) arcs, the file has \(found)"
        case .duplicateArc(let line, let first, let source, let sink):
            return "line \(line): second arc \(source) → \(sink) (the first is on line \(first))"
        case .noArcs(let line):
            return "line \(line): the problem has no arcs"
        case .tooLarge(let line, let column, let limit):
            return "line \(line), column \(column): \(limit)"
        }
    }
}

/// Reads DIMACS assignment files (`p asn`) into ``DIMACSInstance``.
///
/// Format (one descriptor per line, fields separated by blanks or tabs, `\r\n` accepted):
/// ```
/// c any comment
/// p asn NODES ARCS
/// n ID              (one per source node, before the arcs)
/// a SRC DST COST    (SRC a source, DST a sink, COST an integer, possibly negative)
/// ```
/// Blank lines are skipped. Sources may be fewer than sinks.
///
/// The reader takes the whole file as bytes and parses integers by hand in one pass; the arcs
/// are then laid out per row by a counting sort, and duplicates found with a per-column mark.
///
/// - Complexity: O(bytes + nodes + arcs) time; the arc arrays plus one line number per arc of
///   scratch memory.
public enum DIMACSReader {
    /// Bytes per node and per arc that reading and solving an instance take at most (the
    /// reader's scratch arrays, the problem, the solver's prices, marks and heap), for the
    /// early size check.
    public static let bytesPerNode = 64, bytesPerArc = 64

    /// Reads the file at `path`.
    public static func read(path: String, budget: MemoryBudget = .standard()) throws(DIMACSError) -> DIMACSInstance {
        let bytes: [UInt8]
        do throws(DIMACSFileError) {
            bytes = try DIMACSFile.readAll(path: path)
        } catch {
            throw .unreadable(path: path, reason: error.reason)
        }
        let result = bytes.withUnsafeBufferPointer { buf -> Result<DIMACSInstance, DIMACSError> in
            do throws(DIMACSError) { return .success(try parse(buf, budget: budget)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses DIMACS text held in a string.
    public static func parse(_ text: String) throws(DIMACSError) -> DIMACSInstance {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBufferPointer { buf -> Result<DIMACSInstance, DIMACSError> in
            do throws(DIMACSError) { return .success(try parse(buf)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses DIMACS bytes.
    public static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, budget: MemoryBudget = .standard()
    ) throws(DIMACSError) -> DIMACSInstance {
        var parser = Parser(bytes, budget: budget)
        return try parser.run()
    }
}

/// One-pass byte parser. Positions are indices into `bytes`.
private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var line = 0
    var lineStart = 0

    // State.
    var problemLine = 0
    var nodeCount = 0
    var declaredArcs = 0
    var isSource: [Bool] = []
    /// Row index of a source node, column index of a sink node (valid once arcs start).
    var index: [Int32] = []
    var sourceNode: [Int32] = []
    var sinkNode: [Int32] = []
    var mapped = false
    // Arcs in file order.
    var arcRow: [Int32] = []
    var arcCol: [Int32] = []
    var arcCostRaw: [Int] = []
    var arcLine: [Int32] = []

    let budget: MemoryBudget

    init(_ bytes: UnsafeBufferPointer<UInt8>, budget: MemoryBudget) {
        self.bytes = bytes
        self.budget = budget
    }

    @inline(__always) static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C }

    @inline(__always) var column: Int { pos - lineStart + 1 }

    @inline(__always) mutating func skipBlanks() {
        while pos < bytes.count, Parser.isBlank(bytes[pos]) { pos += 1 }
    }

    @inline(__always) var atLineEnd: Bool { pos >= bytes.count || bytes[pos] == 0x0A }

    /// Reads a signed integer after blanks; throws `badNumber` naming `field`.
    @inline(__always) mutating func integer(_ field: String) throws(DIMACSError) -> Int {
        skipBlanks()
        let start = pos
        var negative = false
        if pos < bytes.count, bytes[pos] == 0x2D || bytes[pos] == 0x2B {
            negative = bytes[pos] == 0x2D
            pos += 1
        }
        // Accumulate the magnitude negated (Int.min has no positive counterpart); the first
        // 18 digits cannot overflow, later ones are checked.
        var value = 0
        var digits = 0
        while pos < bytes.count {
            let d = bytes[pos] &- 0x30
            if d > 9 { break }
            if digits < 18 {
                value = value &* 10 &- Int(d)
            } else {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(Int(d))
                if o1 || o2 { throw .badNumber(line: line, column: start - lineStart + 1, field: field) }
                value = s
            }
            digits += 1
            pos += 1
        }
        if digits == 0 || (pos < bytes.count && !Parser.isBlank(bytes[pos]) && bytes[pos] != 0x0A) {
            throw .badNumber(line: line, column: start - lineStart + 1, field: field)
        }
        if negative { return value }
        if value == .min { throw .badNumber(line: line, column: start - lineStart + 1, field: field) }
        return -value
    }

    /// Reads a node id in `1...nodeCount`.
    @inline(__always) mutating func node(_ field: String) throws(DIMACSError) -> Int {
        skipBlanks()
        let col = column
        let n = try integer(field)
        if n < 1 || n > nodeCount {
            throw .nodeOutOfRange(line: line, column: col, node: n, nodeCount: nodeCount)
        }
        return n
    }

    mutating func endOfLine() throws(DIMACSError) {
        skipBlanks()
        if !atLineEnd { throw .unexpectedText(line: line, column: column) }
    }

    mutating func skipToNextLine() {
        while pos < bytes.count && bytes[pos] != 0x0A { pos += 1 }
    }

    mutating func run() throws(DIMACSError) -> DIMACSInstance {
        let n = bytes.count
        while pos < n {
            line += 1
            lineStart = pos
            skipBlanks()
            if atLineEnd {
                pos += 1
                continue
            }
            let tag = bytes[pos]
            switch tag {
            case UInt8(ascii: "a"):
                pos += 1
                try arcLineBody()
            case UInt8(ascii: "c"):
                skipToNextLine()
            case UInt8(ascii: "n"):
                pos += 1
                try sourceLineBody()
            case UInt8(ascii: "p"):
                pos += 1
                try problemLineBody()
            default:
                let col = column
                var end = pos
                while end < n, !Parser.isBlank(bytes[end]), bytes[end] != 0x0A { end += 1 }
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[pos..<end]), as: UTF8.self)
                throw .unknownDescriptor(line: line, column: col, found: word)
            }
            pos += 1  // past the newline (or beyond the end)
        }
        if problemLine == 0 { throw .missingProblemLine(line: line + 1) }
        return try finish()
    }

    @inline(__always) mutating func checkDescriptorTag() throws(DIMACSError) {
        // The tag must stand alone: "a1 2 3" or "ab" are not descriptors.
        if pos < bytes.count, !Parser.isBlank(bytes[pos]), bytes[pos] != 0x0A {
            let start = pos - 1
            var end = pos
            while end < bytes.count, !Parser.isBlank(bytes[end]), bytes[end] != 0x0A { end += 1 }
            let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            throw .unknownDescriptor(line: line, column: start - lineStart + 1, found: word)
        }
    }

    mutating func problemLineBody() throws(DIMACSError) {
        try checkDescriptorTag()
        if problemLine != 0 { throw .duplicateProblemLine(line: line, firstLine: problemLine) }
        skipBlanks()
        let kindStart = pos
        while pos < bytes.count, !Parser.isBlank(bytes[pos]), bytes[pos] != 0x0A { pos += 1 }
        let kind = String(decoding: UnsafeBufferPointer(rebasing: bytes[kindStart..<pos]), as: UTF8.self)
        if kind != "asn" {
            throw .wrongProblemKind(line: line, column: kindStart - lineStart + 1, found: kind)
        }
        skipBlanks()
        let nodesCol = column
        let nodes = try integer("node count")
        if nodes < 0 || nodes > Int(Int32.max) {
            throw .badNumber(line: line, column: nodesCol, field: "node count")
        }
        skipBlanks()
        let arcsCol = column
        let arcs = try integer("arc count")
        if arcs < 0 || arcs > Int(Int32.max) {
            throw .badNumber(line: line, column: arcsCol, field: "arc count")
        }
        try endOfLine()
        // Arcs are stored only as they are read, and an arc line takes at least 8 bytes.
        let storedArcs = min(arcs, bytes.count / 8 + 1)
        do throws(ScaleLimitExceeded) {
            try budget.check(MemoryEstimate(
                what: "\(nodes) nodes and \(arcs) arcs",
                bytes: nodes * DIMACSReader.bytesPerNode + storedArcs * DIMACSReader.bytesPerArc))
        } catch {
            throw .tooLarge(line: line, column: nodesCol, error)
        }
        problemLine = line
        nodeCount = nodes
        declaredArcs = arcs
        isSource = Array(repeating: false, count: nodes + 1)
        // Reserve for the declared arcs, but do not trust a huge count blindly.
        let reserve = min(arcs, bytes.count / 6 + 1)
        arcRow.reserveCapacity(reserve)
        arcCol.reserveCapacity(reserve)
        arcCostRaw.reserveCapacity(reserve)
        arcLine.reserveCapacity(reserve)
    }

    mutating func sourceLineBody() throws(DIMACSError) {
        try checkDescriptorTag()
        if problemLine == 0 { throw .missingProblemLine(line: line) }
        if mapped { throw .sourceAfterArcs(line: line) }
        let v = try node("source node")
        try endOfLine()
        if isSource[v] { throw .duplicateSource(line: line, node: v) }
        isSource[v] = true
    }

    /// Numbers sources and sinks in increasing node order (done at the first arc).
    mutating func mapNodes() {
        index = Array(repeating: -1, count: nodeCount + 1)
        var rows: Int32 = 0, cols: Int32 = 0
        for v in 1..<(nodeCount + 1) {
            if isSource[v] {
                index[v] = rows
                rows += 1
                sourceNode.append(Int32(v))
            } else {
                index[v] = cols
                cols += 1
                sinkNode.append(Int32(v))
            }
        }
        mapped = true
    }

    mutating func arcLineBody() throws(DIMACSError) {
        try checkDescriptorTag()
        if problemLine == 0 { throw .missingProblemLine(line: line) }
        if !mapped { mapNodes() }
        let s = try node("source node")
        let t = try node("sink node")
        let c = try integer("cost")
        try endOfLine()
        if !isSource[s] { throw .arcFromSink(line: line, node: s) }
        if isSource[t] { throw .arcToSource(line: line, node: t) }
        arcRow.append(index[s])
        arcCol.append(index[t])
        arcCostRaw.append(c)
        arcLine.append(Int32(truncatingIfNeeded: line))
    }

    mutating func finish() throws(DIMACSError) -> DIMACSInstance {
        let m = arcRow.count
        if declaredArcs == 0 || m == 0 { throw .noArcs(line: problemLine) }
        if m != declaredArcs {
            throw .arcCountMismatch(line: problemLine, declared: declaredArcs, found: m)
        }
        if !mapped { mapNodes() }
        let rows = sourceNode.count, cols = sinkNode.count
        // Row offsets; then a stable counting sort by row (file order within a row), skipped
        // when the file already lists the arcs source by source.
        var start = [Int](repeating: 0, count: rows + 1)
        var sorted = true
        var previous: Int32 = 0
        for r in arcRow {
            start[Int(r) + 1] += 1
            if r < previous { sorted = false }
            previous = r
        }
        for r in 0..<rows { start[r + 1] += start[r] }
        var column: [Int32], cost: [Int], lines: [Int32]
        if sorted {
            column = arcCol
            cost = arcCostRaw
            lines = arcLine
        } else {
            var fill = start
            column = [Int32](repeating: 0, count: m)
            cost = [Int](repeating: 0, count: m)
            lines = [Int32](repeating: 0, count: m)
            for i in 0..<m {
                let r = Int(arcRow[i])
                let k = fill[r]
                column[k] = arcCol[i]
                cost[k] = arcCostRaw[i]
                lines[k] = arcLine[i]
                fill[r] = k + 1
            }
        }
        arcRow = []
        arcCol = []
        arcCostRaw = []
        arcLine = []
        // Duplicate arcs: mark[g] = position + 1 of the last arc of this row into g.
        var mark = [Int](repeating: 0, count: cols)
        for r in 0..<rows {
            let lo = start[r], hi = start[r + 1]
            for k in lo..<hi {
                let g = Int(column[k])
                let prev = mark[g] - 1
                if prev >= lo {
                    // Arcs keep file order within a row, so k is the later line.
                    throw duplicate(at: k, first: prev, column: column, lines: lines, lo: lo, hi: hi, row: r)
                }
                mark[g] = k + 1
            }
        }
        let problem = AssignmentProblem(
            rowCount: rows, columnCount: cols, arcStart: start, arcColumn: column, arcCost: cost,
            capacity: Array(repeating: 1, count: cols), unassignedCost: nil)
        return DIMACSInstance(problem: problem, sourceNode: sourceNode, sinkNode: sinkNode, nodeCount: nodeCount)
    }

    private func duplicate(
        at k: Int, first: Int, column: [Int32], lines: [Int32], lo: Int, hi: Int, row: Int
    ) -> DIMACSError {
        let g = Int(column[k])
        return .duplicateArc(
            line: Int(lines[k]), firstLine: Int(lines[first]), source: Int(sourceNode[row]),
            sink: Int(sinkNode[g]))
    }
}
