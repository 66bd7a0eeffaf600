import HTTPTypes
import Hummingbird
import NIOCore

/// Response builders for the wire formats the emulated services use.
enum Reply {
    static let jsonContentType = "application/json; charset=utf-8"

    /// Platform style: compact JSON followed by `\n`.
    static func json(_ status: Int, _ body: JSONText, headers: HTTPFields = [:]) -> Response {
        raw(status, body.encoded + "\n", contentType: jsonContentType, headers: headers)
    }

    static func failure(_ failure: ServiceFailure) -> Response {
        if let body = failure.body { return json(failure.status, body) }
        return empty(failure.status)
    }

    /// go-json-rest router errors: `{"Error":"…"}` without a trailing newline.
    static func frameworkError(_ status: Int) -> Response {
        let message = status == 405 ? "Method not allowed" : "Resource not found"
        return raw(status, JSONText.object([("Error", .string(message))]).encoded, contentType: jsonContentType)
    }

    /// shoreline style: `{"code":401,"reason":"…"}`.
    static func shoreline(_ status: Int, _ reason: String) -> Response {
        raw(status, JSONText.object([("code", .int(status)), ("reason", .string(reason))]).encoded,
            contentType: "application/json")
    }

    static func text(_ status: Int, _ text: String) -> Response {
        raw(status, text, contentType: "text/plain; charset=utf-8")
    }

    /// Empty body; go-json-rest still labels it JSON.
    static func empty(_ status: Int, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = jsonContentType
        return Response(status: .init(code: status), headers: fields, body: .init())
    }

    static func raw(_ status: Int, _ text: String, contentType: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = contentType
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

extension HTTPField.Name {
    static let tidepoolSessionToken = HTTPField.Name("X-Tidepool-Session-Token")!
    static let tidepoolTraceRequest = HTTPField.Name("X-Tidepool-Trace-Request")!
    static let tidepoolTraceSession = HTTPField.Name("X-Tidepool-Trace-Session")!
    static let digest = HTTPField.Name("Digest")!
    static let logsStartAt = HTTPField.Name("X-Logs-Start-At-Time")!
    static let logsEndAt = HTTPField.Name("X-Logs-End-At-Time")!
    static let startAt = HTTPField.Name("Start-At")!
    static let endAt = HTTPField.Name("End-At")!
}

extension Request {
    func headerValues(_ name: HTTPField.Name) -> [String] { headers[values: name] }
}
