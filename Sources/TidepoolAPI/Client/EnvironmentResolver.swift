import Foundation

/// Picks the environment from `--env`/`--url` flags and the `TIDEBLOB_ENV`/`TIDEBLOB_URL` variables.
///
/// Order: a flag beats a variable, and within each `--url`/`TIDEBLOB_URL` beats a name. Giving both `--env` and
/// `--url` is a usage error. With nothing set the environment is `production`.
/// `sandbox` is the local sandbox at `TIDEBLOB_SANDBOX_URL` (default `http://127.0.0.1:8009`).
/// A URL environment is named by its `host:port` (the key of its stored session).
public enum EnvironmentResolver {
    public static let sandboxName = "sandbox"
    public static let defaultSandboxURL = "http://127.0.0.1:8009"
    public static let defaultName = "production"

    /// All names `--env` accepts.
    public static var knownNames: [String] { Environment.known.map(\.name) + [sandboxName] }

    public static func resolve(envFlag: String?, urlFlag: String?,
                               variables: [String: String] = ProcessInfo.processInfo.environment) throws -> Environment {
        let envFlag = envFlag.flatMap(nonEmpty), urlFlag = urlFlag.flatMap(nonEmpty)
        if envFlag != nil, urlFlag != nil {
            throw APIError(.invalidArgument("give either --env or --url, not both"))
        }
        if let urlFlag { return try environment(url: urlFlag) }
        if let envFlag { return try environment(name: envFlag, variables: variables) }
        if let url = variables["TIDEBLOB_URL"].flatMap(nonEmpty) { return try environment(url: url) }
        if let name = variables["TIDEBLOB_ENV"].flatMap(nonEmpty) { return try environment(name: name, variables: variables) }
        return try environment(name: defaultName, variables: variables)
    }

    /// A named environment: one of `Environment.known`, or `sandbox`.
    public static func environment(name: String, variables: [String: String] = ProcessInfo.processInfo.environment) throws -> Environment {
        let lower = name.lowercased()
        if let known = Environment.known.first(where: { $0.name == lower }) { return known }
        if lower == sandboxName {
            let text = variables["TIDEBLOB_SANDBOX_URL"].flatMap(nonEmpty) ?? defaultSandboxURL
            var env = try environment(url: text)
            env.name = sandboxName
            return env
        }
        let list = knownNames.joined(separator: ", ")
        throw APIError(.invalidArgument("unknown environment \"\(name.prefix(64))\"; known: \(list) (or use --url)"))
    }

    /// An environment for a base URL (`https://host[:port][/prefix]`), named `host:port`.
    public static func environment(url text: String) throws -> Environment {
        guard let components = URLComponents(string: text),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty else {
            throw APIError(.invalidArgument("not an http(s) URL: \"\(text.prefix(200))\" (expected e.g. https://api.tidepool.org)"))
        }
        guard components.query == nil, components.fragment == nil, components.user == nil, components.password == nil else {
            throw APIError(.invalidArgument("the URL must not contain a query, fragment or credentials"))
        }
        var clean = URLComponents()
        clean.scheme = scheme
        clean.host = host
        clean.port = components.port
        clean.path = components.path
        guard let url = clean.url else {
            throw APIError(.invalidArgument("not a usable URL: \"\(text.prefix(200))\""))
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return Environment(name: "\(shownHost.lowercased()):\(port)", baseURL: url)
    }

    private static func nonEmpty(_ s: String) -> String? {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }
}
