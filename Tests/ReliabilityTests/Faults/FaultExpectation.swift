import Foundation

/// What a fault must produce: phrases of the typed error's message (at least one must appear).
enum FaultExpectation {
    static func phrases(_ op: FaultOperation, _ fault: InjectedFault) -> [String] {
        switch fault {
        case .route(let kind):
            switch kind {
            case .status500Text: return ["HTTP 500"]
            case .malformedJSON, .truncatedJSON, .wrongTypes: return ["malformed response"]
            case .emptyOK: return op == .download || op == .logsShow ? ["digest mismatch"] : ["malformed response"]
            case .wrongDigest: return ["digest mismatch"]
            case .cutAfter: return ["cut short", "closed the connection"]
            case .drip: return ["stalled"]
            case .refreshFails: return ["expired"]
            }
        case .acceptAndClose: return ["closed the connection", "connection broke", "connection failed"]
        case .neverAnswer: return ["stalled", "timed out"]
        case .dnsFailure: return ["DNS lookup failed"]
        case .tlsFailure: return ["TLS failed"]
        }
    }

    /// A trace id in a message: `(trace <id>)`.
    static func traceId(in text: String) -> String? {
        guard let range = text.range(of: #"\(trace [0-9A-Za-z._-]{8,}\)"#, options: .regularExpression) else { return nil }
        return String(text[range].dropFirst(7).dropLast())
    }

    /// Fake but well-formed ids for transport cases (no server ever sees them).
    static let transportUserId = "0a1b2c3d4e"
    static let transportBlobId = "0123456789abcdefghijklmnopqrstuv"
}

/// The outcome of one case: the checks that failed (empty = survived).
struct FaultCaseOutcome: Sendable {
    var name: String
    var failures: [String] = []
    var seconds: Double = 0
    var held: Bool { failures.isEmpty }

    mutating func check(_ condition: Bool, _ what: @autoclosure () -> String) {
        if !condition { failures.append(what()) }
    }
}
