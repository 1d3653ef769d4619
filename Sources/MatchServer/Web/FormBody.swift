import Foundation
import Hummingbird
import MultipartKit
import NIOCore

/// The fields (and files) of an HTML form sent by a browser: `application/x-www-form-urlencoded`
/// or `multipart/form-data` (uploads). Parsed once by ``RouteRegistry`` (which checks the
/// form's `csrf_token` field) and handed to the page's handler in its context.
struct FormBody: Sendable {
    struct File: Sendable {
        var filename: String
        var bytes: [UInt8]
    }

    var fields: [(name: String, value: String)] = []
    var files: [String: File] = [:]

    /// The first value of field `name`, trimmed; nil when absent or blank.
    subscript(_ name: String) -> String? {
        guard let value = fields.first(where: { $0.name == name })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !value.isEmpty else { return nil }
        return value
    }

    static let empty = FormBody()

    /// Reads the request's body (at most `limit` bytes) as a form, by its content type.
    static func parse(_ request: Request, limit: Int) async throws -> FormBody {
        let contentType = request.headers[.contentType] ?? ""
        let lowered = contentType.lowercased()
        if lowered.hasPrefix("multipart/form-data") {
            guard let boundary = Self.boundary(contentType) else { throw APIError.badRequest("a multipart form without a boundary") }
            let bytes = try await request.bytes(limit: limit)
            return try multipart(bytes, boundary: boundary)
        }
        if lowered.hasPrefix("application/x-www-form-urlencoded") {
            let bytes = try await request.bytes(limit: 1 << 20)
            return urlEncoded(String(decoding: bytes, as: UTF8.self))
        }
        return .empty
    }

    static func urlEncoded(_ text: String) -> FormBody {
        var form = FormBody()
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            form.fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
        return form
    }

    private static func boundary(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let kv = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if kv.count == 2, kv[0].lowercased() == "boundary" {
                return kv[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// Collects the parts MultipartKit's parser finds: text fields, and parts with a
    /// filename as files.
    private final class Collector {
        var form = FormBody()
        var headers: [(String, String)] = []
        var body = ByteBuffer()

        func finish() {
            let disposition = headers.first { $0.0.lowercased() == "content-disposition" }?.1 ?? ""
            let name = Self.parameter("name", in: disposition) ?? ""
            let bytes = body.readableBytesView.map { $0 }
            if let filename = Self.parameter("filename", in: disposition) {
                if !filename.isEmpty || !bytes.isEmpty { form.files[name] = File(filename: filename, bytes: bytes) }
            } else {
                form.fields.append((name, String(decoding: bytes, as: UTF8.self)))
            }
            headers = []
            body = ByteBuffer()
        }

        static func parameter(_ key: String, in header: String) -> String? {
            for item in header.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard item.lowercased().hasPrefix(key + "=") else { continue }
                var value = String(item.dropFirst(key.count + 1))
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value
            }
            return nil
        }
    }

    static func multipart(_ bytes: [UInt8], boundary: String) throws -> FormBody {
        let parser = MultipartParser(boundary: boundary)
        let collector = Collector()
        parser.onHeader = { collector.headers.append(($0, $1)) }
        parser.onBody = { collector.body.writeBuffer(&$0) }
        parser.onPartComplete = { collector.finish() }
        do {
            try parser.execute(bytes)
        } catch {
            throw APIError.badRequest("the form could not be read")
        }
        return collector.form
    }
}
