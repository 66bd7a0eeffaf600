import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// What a test sees of a response.
struct HTTPResult: Sendable, CustomStringConvertible {
    let status: Int
    let headers: [String: String]
    let body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    var description: String { "\(status) \(text)" }

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    /// The body parsed as JSON (fragments allowed).
    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
}

/// Foundation's URLSession as the neutral client.
enum HTTP {
    static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.httpMaximumConnectionsPerHost = 8
        return URLSession(configuration: configuration)
    }()

    static func call(_ sandbox: SandboxHarness, _ method: String, _ path: String, token: String? = nil,
                     headers: [String: String] = [:], body: Data? = nil) async throws -> HTTPResult {
        var request = URLRequest(url: sandbox.url(path))
        request.httpMethod = method
        if let token { request.setValue(token, forHTTPHeaderField: "X-Tidepool-Session-Token") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        var fields: [String: String] = [:]
        for (key, value) in http.allHeaderFields { fields["\(key)"] = "\(value)" }
        return HTTPResult(status: http.statusCode, headers: fields, body: data)
    }

    static func get(_ sandbox: SandboxHarness, _ path: String, token: String? = nil,
                    headers: [String: String] = [:]) async throws -> HTTPResult {
        try await call(sandbox, "GET", path, token: token, headers: headers)
    }
}

/// Exact platform error bodies (compact JSON + newline).
enum Bodies {
    static let unauthenticated = #"{"code":"unauthenticated","title":"authentication token is invalid","detail":"authentication token is invalid"}"# + "\n"
    static let unauthorized = #"{"code":"unauthorized","title":"authentication token is not authorized for requested action","detail":"authentication token is not authorized for requested action"}"# + "\n"
    static let internalError = #"{"code":"internal-server-error","title":"internal server error","detail":"internal server error"}"# + "\n"
    static let tooLarge = #"{"code":"resource-too-large","title":"resource too large","detail":"resource too large"}"# + "\n"
    static let notFound = #"{"Error":"Resource not found"}"#
    static let methodNotAllowed = #"{"Error":"Method not allowed"}"#

    static func parameterInvalid(_ name: String) -> String {
        #"{"code":"parameter-invalid","title":"parameter is invalid","detail":"parameter \"\#(name)\" is invalid"}"# + "\n"
    }
    static func headerMissing(_ name: String) -> String {
        #"{"code":"header-missing","title":"header is missing","detail":"header \"\#(name)\" is missing"}"# + "\n"
    }
    static func headerInvalid(_ name: String) -> String {
        #"{"code":"header-invalid","title":"header is invalid","detail":"header \"\#(name)\" is invalid"}"# + "\n"
    }
    static func resourceNotFound(_ id: String) -> String {
        #"{"code":"resource-not-found","title":"resource not found","detail":"resource with id \"\#(id)\" not found"}"# + "\n"
    }
    static func notParsed(_ parameter: String) -> String {
        #"{"code":"not-parsed","title":"not parsed","detail":"not parsed","source":{"parameter":"\#(parameter)"}}"#
    }
}
