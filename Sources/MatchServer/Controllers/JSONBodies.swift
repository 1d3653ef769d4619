import Foundation
import Hummingbird

extension Reply {
    /// A JSON reply (keys sorted, so answers are stable).
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, detail: String = "") throws -> Reply {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return Reply(
            response: Response(
                status: status, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))),
            detail: detail)
    }

    /// A JSON reply from an untyped object (for summary.json merged with more keys).
    static func jsonObject(_ value: Any, status: HTTPResponse.Status = .ok, detail: String = "") throws -> Reply {
        let data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])
        return Reply(
            response: Response(
                status: status, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))),
            detail: detail)
    }
}

extension Request {
    /// The body as bytes, at most `limit` of them (413 beyond).
    func bytes(limit: Int) async throws -> [UInt8] {
        var buffer: ByteBuffer
        do {
            buffer = try await body.collect(upTo: limit)
        } catch {
            throw APIError.payloadTooLarge("the body is larger than \(limit) bytes")
        }
        return buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    /// The JSON body decoded as `T`: 415 without a JSON content type (which a cross-site
    /// form cannot send), 400 with the decoder's reason when it does not fit.
    func json<T: Decodable>(_ type: T.Type) async throws -> T {
        let contentType = headers[.contentType]?.lowercased() ?? ""
        guard contentType.hasPrefix("application/json") else {
            throw APIError.unsupportedMediaType("send the body as JSON with Content-Type: application/json")
        }
        let data = Data(try await bytes(limit: 1 << 20))
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw APIError.badRequest("the body lacks \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            throw APIError.badRequest("the body's \(path.isEmpty ? "top level" : path) has the wrong type")
        } catch {
            throw APIError.badRequest("the body is not valid JSON")
        }
    }
}
