import Testing
@testable import Matcher

/// RFC 4180 reading with exact record lines and exact syntax-error positions.
@Suite struct CSVRecordsTests {
    private func parse(_ text: String) -> CSVRecords {
        CSVRecords(utf8: Array(text.utf8), file: "t.csv")
    }

    private func lines(_ csv: CSVRecords) -> [Int] { csv.records.map(\.line) }

    @Test func quotedCommasAndDoubledQuotes() {
        let csv = parse("a,\"b,c\",\"say \"\"hi\"\"\",\"\"\"\"\n")
        #expect(csv.problems.isEmpty)
        #expect(csv.records == [.init(line: 1, fields: ["a", "b,c", "say \"hi\"", "\""])])
    }

    @Test func emptyQuotedFieldAndSpacesAreKept() {
        let csv = parse("\"\",x, a , \"b\"\n")
        // A quote that does not open the field is text inside an unquoted field: an error.
        #expect(csv.problems.map(\.kind) == [.quoteInUnquotedField, .quoteInUnquotedField])
        let ok = parse("\"\",x, a ,\n")
        #expect(ok.problems.isEmpty)
        #expect(ok.records == [.init(line: 1, fields: ["", "x", " a ", ""])])
    }

    @Test func embeddedLineFeedKeepsRecordStartLines() {
        let csv = parse("id,note\n1,\"two\nlines\"\n2,x\n3,\"a\n\nb\",y\n4,z\n")
        #expect(csv.problems.isEmpty)
        #expect(lines(csv) == [1, 2, 4, 5, 8])
        #expect(csv.records[1].fields == ["1", "two\nlines"])
        #expect(csv.records[2].fields == ["2", "x"])
        #expect(csv.records[3].fields == ["3", "a\n\nb", "y"])
        #expect(csv.records[4].fields == ["4", "z"])
    }

    @Test func embeddedCRLFAndCRLFLineEnds() {
        let csv = parse("id,note\r\n1,\"a\r\nb\"\r\n2,y\r\n3,\"q\"\r\n")
        #expect(csv.problems.isEmpty)
        #expect(lines(csv) == [1, 2, 4, 5])
        #expect(csv.records[0].fields == ["id", "note"])
        #expect(csv.records[1].fields == ["1", "a\r\nb"])
        #expect(csv.records[2].fields == ["2", "y"])
        #expect(csv.records[3].fields == ["3", "q"])
    }

    @Test func blankLinesAreSkippedButCounted() {
        let csv = parse("\na,b\n\n\r\n1,2\n\n\n3,4\n\n")
        #expect(csv.problems.isEmpty)
        #expect(lines(csv) == [2, 5, 8])
        #expect(csv.records.map(\.fields) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func blankLinesDoNotShiftErrorLines() {
        let csv = parse("a,b\n\n\n1,x\"y\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 4, column: 4, .quoteInUnquotedField)])
    }

    @Test func trailingCommaAtEndOfFile() {
        let noNewline = parse("a,b,c\n1,2,")
        #expect(noNewline.problems.isEmpty)
        #expect(noNewline.records.map(\.fields) == [["a", "b", "c"], ["1", "2", ""]])
        #expect(lines(noNewline) == [1, 2])
        let withNewline = parse("a,b,c\n1,2,\n")
        #expect(withNewline.records.map(\.fields) == [["a", "b", "c"], ["1", "2", ""]])
        let crlf = parse("a,b,c\r\n1,2,\r\n")
        #expect(crlf.records.map(\.fields) == [["a", "b", "c"], ["1", "2", ""]])
    }

    @Test func noFinalNewline() {
        let plain = parse("a,b\n1,2")
        #expect(plain.records.map(\.fields) == [["a", "b"], ["1", "2"]])
        let quoted = parse("a,b\n1,\"2\"")
        #expect(quoted.problems.isEmpty)
        #expect(quoted.records.map(\.fields) == [["a", "b"], ["1", "2"]])
        let cr = parse("a,b\r\n1,2\r")
        #expect(cr.records.map(\.fields) == [["a", "b"], ["1", "2"]])
    }

    @Test func emptyInputHasNoRecords() {
        #expect(parse("").records.isEmpty)
        #expect(parse("\n\n\r\n").records.isEmpty)
        #expect(parse("\n\n\r\n").problems.isEmpty)
    }

    @Test func unterminatedQuoteIsReportedAtItsOpeningQuote() {
        let csv = parse("id,name\n1,\"abc\n2,x\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 2, column: 3, .unterminatedQuote)])
        #expect(lines(csv) == [1])
    }

    @Test func unterminatedQuoteAtStartOfLaterLine() {
        let csv = parse("id,name\n\n1,ok\n\"x,y\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 4, column: 1, .unterminatedQuote)])
        #expect(lines(csv) == [1, 3])
    }

    @Test func quoteInUnquotedField() {
        let csv = parse("id,name\n1,ab\"c\n2,x\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 2, column: 5, .quoteInUnquotedField)])
        #expect(lines(csv) == [1, 3], "the broken record is dropped, the next one kept")
    }

    @Test func textAfterClosingQuote() {
        let csv = parse("id,name,x\n1,\"ab\"c,d\n3,x,y\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 2, column: 7, .textAfterClosingQuote)])
        #expect(lines(csv) == [1, 3])
    }

    /// Found by fuzzing (Fuzz/regressions/roll-lone-cr-after-closing-quote): a lone CR after
    /// a closing quote ended the record without counting a line, so later records shared
    /// line numbers. A lone CR is text, after a quote as in an unquoted field.
    @Test func loneCarriageReturnAfterClosingQuoteIsText() {
        let csv = parse("x,y\na,\"b\"\rc,d\ne,f\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 2, column: 6, .textAfterClosingQuote)])
        #expect(lines(csv) == [1, 3])
        let atEnd = parse("x,y\r\na,\"b\"\r")
        #expect(atEnd.problems.isEmpty)
        #expect(atEnd.records.map(\.fields) == [["x", "y"], ["a", "b"]])
    }

    @Test func textAfterClosingQuoteOfMultiLineFieldIsOnItsPhysicalLine() {
        let csv = parse("id,name\n1,\"a\nb\"x\n2,y\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 3, column: 3, .textAfterClosingQuote)])
        #expect(lines(csv) == [1, 4])
    }

    @Test func everySyntaxErrorIsReported() {
        let csv = parse("id,name\n1,a\"b\n2,\"c\"d\n3,ok\n4,\"open\n")
        #expect(csv.problems == [
            InputProblem(file: "t.csv", line: 2, column: 4, .quoteInUnquotedField),
            InputProblem(file: "t.csv", line: 3, column: 6, .textAfterClosingQuote),
            InputProblem(file: "t.csv", line: 5, column: 3, .unterminatedQuote),
        ])
        #expect(lines(csv) == [1, 4])
    }

    @Test func chineseTextIsKept() {
        let csv = parse("户编号,户主姓名\nH1,\"张,三\"\n")
        #expect(csv.records.map(\.fields) == [["户编号", "户主姓名"], ["H1", "张,三"]])
    }

    /// InputProblem documents `column` as "the character column for syntax problems".
    @Test func syntaxColumnCountsCharactersNotBytes() {
        // 张 and 三 are 3 bytes each in UTF-8: the quote is character 6 of line 2, byte 10.
        let csv = parse("id,name\nH1,张三\"x\n")
        #expect(csv.problems == [InputProblem(file: "t.csv", line: 2, column: 6, .quoteInUnquotedField)])
    }
}
