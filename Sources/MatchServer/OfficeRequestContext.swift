import Hummingbird
import NIOCore

/// The request context of the office server: Hummingbird's core storage and the peer's
/// address (for the audit log and the sign-in throttle).
public struct OfficeRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?
    /// A page's form, read and CSRF-checked by ``RouteRegistry`` before the handler runs.
    var form: FormBody? = nil

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// JSON bodies are small; files are read with their own limit (``ServerSettings``).
    public var maxUploadSize: Int { 1 << 20 }
}
