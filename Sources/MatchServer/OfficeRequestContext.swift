import Hummingbird
import NIOCore

/// The request context of the office server: Hummingbird's core storage and the peer's
/// address (for the audit log and the sign-in throttle).
public struct OfficeRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// JSON bodies are small; files are read with their own limit (``ServerSettings``).
    public var maxUploadSize: Int { 1 << 20 }
}
