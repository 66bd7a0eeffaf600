import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Request context carrying the peer address (for the loopback-only admin route).
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// The whole request pipeline: trace headers → faults → authenticator → route → error mapping → access log.
struct SandboxResponder: HTTPResponder {
    typealias Context = SandboxRequestContext

    let core: SandboxCore
    let logSink: (@Sendable (String) -> Void)?

    func respond(to request: Request, context: Context) async throws -> Response {
        let started = ContinuousClock.now
        let traceRequest = request.headers[.tidepoolTraceRequest].map { String($0.prefix(64)) } ?? Identifiers.random32Hex()
        let traceSession = request.headers[.tidepoolTraceSession].map { String($0.prefix(64)) }
        var response = await route(request, context: context)
        response.headers[.tidepoolTraceRequest] = traceRequest
        if let traceSession { response.headers[.tidepoolTraceSession] = traceSession }
        if let logSink {
            let elapsed = ContinuousClock.now - started
            let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
            let bytes = response.body.contentLength.map(String.init) ?? "-"
            logSink(LogSanitizer.escape(request.method.rawValue, limit: 16) + " "
                    + LogSanitizer.escape(request.uri.path, limit: 256) + " "
                    + String(response.status.code) + " " + bytes + "B " + String(ms) + "ms trace="
                    + LogSanitizer.escape(traceRequest, limit: 64))
        }
        return response
    }

    private func route(_ request: Request, context: Context) async -> Response {
        let matched = Endpoint.match(path: request.uri.path)
        if case .adminFaults? = matched?.0 {
            return await admin(request, context: context, methods: matched?.1 ?? [])
        }
        let faults = core.faults.current
        if faults.delayMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(faults.delayMilliseconds))
        }
        if core.faults.consumeFailure() {
            return Reply.text(500, "upstream exploded")
        }
        return await RouteFaultHook(core: core).around(request, endpoint: matched?.0) {
            await routeUnfaulted(request, matched: matched)
        }
    }

    private func routeUnfaulted(_ request: Request, matched: (Endpoint, [HTTPRequest.Method])?) async -> Response {
        guard let (endpoint, methods) = matched else {
            // The authenticator middleware runs before go-json-rest's router.
            if case .failure(let failure) = Caller.authenticate(request, tokens: core.tokens, directory: core.directory) {
                return Reply.failure(failure)
            }
            return Reply.frameworkError(404)
        }
        var caller = Caller.anonymous
        if endpoint.isBlobService {
            switch Caller.authenticate(request, tokens: core.tokens, directory: core.directory) {
            case .failure(let failure): return Reply.failure(failure)
            case .success(let who): caller = who
            }
        }
        guard methods.contains(request.method) else { return Reply.frameworkError(405) }
        do {
            return try await dispatch(endpoint, request, caller: caller)
        } catch let failure as ServiceFailure {
            return Reply.failure(failure)
        } catch {
            return Reply.failure(.internalError)
        }
    }

    private func dispatch(_ endpoint: Endpoint, _ request: Request, caller: Caller) async throws -> Response {
        let method = request.method
        switch endpoint {
        case .userBlobs(let userId):
            let routes = BlobRoutes(core: core)
            if method == .get { return try await routes.list(request, caller: caller, userId: userId) }
            if method == .post { return try await routes.create(request, caller: caller, userId: userId) }
            return try await routes.deleteAll(request, caller: caller, userId: userId)
        case .blob(let id):
            let routes = BlobRoutes(core: core)
            if method == .get { return try await routes.get(request, caller: caller, id: id) }
            return try await routes.delete(request, caller: caller, id: id)
        case .blobContent(let id):
            return try await BlobRoutes(core: core).content(request, caller: caller, id: id)
        case .userDeviceLogs(let userId):
            let routes = DeviceLogRoutes(core: core)
            if method == .get { return try await routes.list(request, caller: caller, userId: userId) }
            return try await routes.create(request, caller: caller, userId: userId)
        case .deviceLog(let id):
            return try await DeviceLogRoutes(core: core).get(request, caller: caller, id: id)
        case .deviceLogContent(let id):
            return try await DeviceLogRoutes(core: core).content(request, caller: caller, id: id)
        case .authLogin:
            let routes = AuthRoutes(core: core)
            return method == .post ? routes.login(request) : routes.refresh(request)
        case .authLogout:
            return AuthRoutes(core: core).logout(request)
        case .authUser(let key):
            return AuthRoutes(core: core).user(request, key: key)
        case .authToken(let other):
            return AuthRoutes(core: core).token(request, checking: other)
        case .metadataUsers(let userId):
            return SharingRoutes(core: core).metadataUsers(request, userId: userId)
        case .accessGroups(let userId):
            return SharingRoutes(core: core).accessGroups(request, userId: userId)
        case .clinicianClinics(let userId):
            return ClinicRoutes(core: core).clinicianClinics(request, userId: userId)
        case .clinicPatients(let clinicId):
            return ClinicRoutes(core: core).clinicPatients(request, clinicId: clinicId)
        case .adminFaults:
            return Reply.frameworkError(404)
        }
    }

    private func admin(_ request: Request, context: Context, methods: [HTTPRequest.Method]) async -> Response {
        guard core.loopbackOnly else { return Reply.frameworkError(404) }
        guard Self.isLoopback(context.remoteAddress) else { return Reply.text(403, "the admin route is loopback-only\n") }
        guard methods.contains(request.method) else { return Reply.frameworkError(405) }
        return await AdminRoutes(core: core).faults(request, isPut: request.method == .put)
    }

    static func isLoopback(_ address: SocketAddress?) -> Bool {
        guard let address else { return false }
        switch address {
        case .v4: return address.ipAddress?.hasPrefix("127.") ?? false
        case .v6:
            let ip = address.ipAddress ?? ""
            return ip == "::1" || ip.hasPrefix("::ffff:127.")
        case .unixDomainSocket: return true
        }
    }
}
