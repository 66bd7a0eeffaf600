/// One platform error object (`errors/errors.go`): `{code,title,detail,source?}`.
struct ServiceError: Error, Sendable, Equatable {
    enum Source: Sendable, Equatable {
        case parameter(String)
        case pointer(String)
    }

    let code: String
    let title: String
    let detail: String
    var source: Source?

    var json: JSONText {
        var pairs: [(String, JSONText?)] = [("code", .string(code)), ("title", .string(title)), ("detail", .string(detail))]
        switch source {
        case .parameter(let name): pairs.append(("source", .object([("parameter", .string(name))])))
        case .pointer(let pointer): pairs.append(("source", .object([("pointer", .string(pointer))])))
        case nil: break
        }
        return .members(pairs)
    }

    func with(parameter name: String) -> ServiceError {
        var copy = self
        copy.source = .parameter(name)
        return copy
    }

    // MARK: Catalogue (texts as in the platform's request/, structure/ and blob/ packages)

    static let unauthenticated = ServiceError(
        code: "unauthenticated", title: "authentication token is invalid", detail: "authentication token is invalid")
    static let unauthorized = ServiceError(
        code: "unauthorized", title: "authentication token is not authorized for requested action",
        detail: "authentication token is not authorized for requested action")
    static let internalServerError = ServiceError(
        code: "internal-server-error", title: "internal server error", detail: "internal server error")
    static let resourceTooLarge = ServiceError(
        code: "resource-too-large", title: "resource too large", detail: "resource too large")

    static func parameterInvalid(_ name: String) -> ServiceError {
        ServiceError(code: "parameter-invalid", title: "parameter is invalid", detail: "parameter \"\(name)\" is invalid")
    }
    static func headerMissing(_ name: String) -> ServiceError {
        ServiceError(code: "header-missing", title: "header is missing", detail: "header \"\(name)\" is missing")
    }
    static func headerInvalid(_ name: String) -> ServiceError {
        ServiceError(code: "header-invalid", title: "header is invalid", detail: "header \"\(name)\" is invalid")
    }
    static func notParsed(_ parameter: String) -> ServiceError {
        ServiceError(code: "not-parsed", title: "not parsed", detail: "not parsed", source: .parameter(parameter))
    }
    static func typeNotInt(_ parameter: String) -> ServiceError {
        ServiceError(code: "type-not-int", title: "type is not int", detail: "type is not int, but string",
                     source: .parameter(parameter))
    }
    static func valueNotBetween(_ value: Int64, _ low: Int, _ high: Int, _ parameter: String) -> ServiceError {
        ServiceError(code: "value-out-of-range", title: "value is out of range",
                     detail: "value \(value) is not between \(low) and \(high)", source: .parameter(parameter))
    }
    static func valueNotAtLeast(_ value: Int64, _ low: Int, _ parameter: String) -> ServiceError {
        ServiceError(code: "value-out-of-range", title: "value is out of range",
                     detail: "value \(value) is not greater than or equal to \(low)", source: .parameter(parameter))
    }
    static func valueNotAllowed(_ value: String, _ allowed: [String], _ parameter: String) -> ServiceError {
        let list = allowed.map { "\"\($0)\"" }.joined(separator: ", ")
        return ServiceError(code: "value-not-allowed", title: "value is not one of the allowed values",
                            detail: "value \"\(value)\" is not one of [\(list)]", source: .parameter(parameter))
    }
    static func valueNotParsableTime(_ value: String, _ parameter: String) -> ServiceError {
        ServiceError(code: "value-not-parsable", title: "value is not a parsable time",
                     detail: "value \"\(value)\" is not a parsable time of format \"2006-01-02T15:04:05.999999999Z07:00\"",
                     source: .parameter(parameter))
    }
    static func valueDuplicate(_ parameter: String) -> ServiceError {
        ServiceError(code: "value-duplicate", title: "value is a duplicate", detail: "value is a duplicate",
                     source: .parameter(parameter))
    }
    static func valueEmpty(_ parameter: String) -> ServiceError {
        ServiceError(code: "value-empty", title: "value is empty", detail: "value is empty", source: .parameter(parameter))
    }
    static func mediaTypeNotValid(_ value: String, _ parameter: String) -> ServiceError {
        ServiceError(code: "media-type-not-valid", title: "media type is not valid",
                     detail: "value \"\(value)\" is not a valid media type", source: .parameter(parameter))
    }
    static func resourceNotFound(id: String) -> ServiceError {
        ServiceError(code: "resource-not-found", title: "resource not found", detail: "resource with id \"\(id)\" not found")
    }
    static func resourceNotFound(id: String, revision: Int64) -> ServiceError {
        ServiceError(code: "resource-not-found", title: "resource not found",
                     detail: "revision \(revision) of resource with id \"\(id)\" not found")
    }
    static func digestsNotEqual(sent: String, calculated: String) -> ServiceError {
        ServiceError(code: "digests-not-equal", title: "digests not equal",
                     detail: "digest \"\(sent)\" does not equal calculated digest \"\(calculated)\"",
                     source: .pointer("/digestMD5"))
    }
}

/// A response-ready failure: one or more errors with an HTTP status, or an empty-bodied status.
struct ServiceFailure: Error, Sendable {
    let status: Int
    let errors: [ServiceError]

    init(_ status: Int, _ errors: [ServiceError]) {
        self.status = status
        self.errors = errors
    }

    init(_ status: Int, _ error: ServiceError) {
        self.init(status, [error])
    }

    /// A 403 with an empty body (`responder.Empty(403)` in the platform).
    static let emptyForbidden = ServiceFailure(403, [])
    static let unauthenticated = ServiceFailure(401, .unauthenticated)
    static let unauthorized = ServiceFailure(403, .unauthorized)
    static let internalError = ServiceFailure(500, .internalServerError)

    static func badRequest(_ errors: [ServiceError]) -> ServiceFailure { ServiceFailure(400, errors) }
    static func badRequest(_ error: ServiceError) -> ServiceFailure { ServiceFailure(400, [error]) }
    static func notFound(_ error: ServiceError) -> ServiceFailure { ServiceFailure(404, error) }

    /// Body: one error → the object itself; several → `{"errors":[…]}`; none → empty.
    var body: JSONText? {
        switch errors.count {
        case 0: return nil
        case 1: return errors[0].json
        default: return .object([("errors", .array(errors.map(\.json)))])
        }
    }
}
