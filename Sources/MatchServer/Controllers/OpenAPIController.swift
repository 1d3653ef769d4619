import Foundation
import Hummingbird

/// `GET /api/openapi.yaml`: the OpenAPI 3 description of the API, a resource of this target
/// (written by hand; ``Route`` and a test keep the two in step).
struct OpenAPIController {
    static let document: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "yaml", subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else { return [] }
        return Array(data)
    }()

    func register(_ routes: RouteRegistry) {
        routes.on(.openAPI) { _, _, _ in
            guard !Self.document.isEmpty else { throw APIError.internalError }
            return Reply(response: Response(
                status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.document))))
        }
    }
}
