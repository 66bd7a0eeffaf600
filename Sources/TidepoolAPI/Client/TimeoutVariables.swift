import Foundation

extension ClientConfiguration {
    /// The environment variables that override the transport timeouts, in whole seconds (≥ 1):
    /// `TIDEBLOB_CONNECT_TIMEOUT` (connecting, incl. DNS and TLS), `TIDEBLOB_STALL_TIMEOUT` (a transfer moving
    /// less than 1 byte/s for this long fails as stalled) and `TIDEBLOB_REQUEST_TIMEOUT` (a whole buffered
    /// request: lists, metadata, login; streaming transfers are bounded by the stall timeout instead).
    public static let timeoutVariables = ["TIDEBLOB_CONNECT_TIMEOUT", "TIDEBLOB_STALL_TIMEOUT", "TIDEBLOB_REQUEST_TIMEOUT"]

    /// Applies the timeout variables that are set; a value that is not a whole number of seconds from 1 to 86400
    /// is an `.invalidArgument` naming the variable.
    public mutating func applyTimeoutVariables(_ variables: [String: String]) throws {
        func seconds(_ name: String) throws -> Int? {
            guard let raw = variables[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            guard let value = Int(raw), (1...86_400).contains(value) else {
                throw APIError(.invalidArgument("\(name) must be a whole number of seconds from 1 to 86400"))
            }
            return value
        }
        if let value = try seconds("TIDEBLOB_CONNECT_TIMEOUT") { connectTimeoutSeconds = value }
        if let value = try seconds("TIDEBLOB_STALL_TIMEOUT") { stallTimeoutSeconds = value }
        if let value = try seconds("TIDEBLOB_REQUEST_TIMEOUT") { requestTimeoutSeconds = value }
    }
}
