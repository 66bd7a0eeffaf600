import Foundation

/// Last line of defence before a log line reaches disk: removes secret-looking values even when a caller slipped.
///
/// - `X-Tidepool-Session-Token: …` / `Authorization: …` header values (also `=`-separated);
/// - `token=`, `session_token=`, `password=`, `secret=` query or form values;
/// - `"token"`, `"password"`, `"sessionToken"`… JSON string values;
/// - anything after `?` in a URL-ish word (query strings may carry tokens; paths never do).
public enum LogRedactor {
    public static let mask = "[redacted]"

    private static let rules: [(pattern: String, template: String)] = [
        (#"(?i)\b(x-tidepool-session-token|authorization|cookie|set-cookie)(\s*[:=]\s*)(?:bearer\s+|basic\s+)?[^\s,;]+"#,
         "$1$2" + mask),
        (#"(?i)\b(token|session_token|sessiontoken|access_token|refresh_token|password|passwd|secret)=([^&\s]+)"#,
         "$1=" + mask),
        (#"(?i)"(token|sessionToken|session_token|access_token|refresh_token|password|secret)"\s*:\s*"(?:[^"\\]|\\.)*""#,
         "\"$1\":\"" + mask + "\""),
        (#"(/[^\s?]*)\?[^\s]*"#, "$1?" + mask),
    ]

    private static let compiled: [(NSRegularExpression, String)] = rules.compactMap { rule in
        (try? NSRegularExpression(pattern: rule.pattern)).map { ($0, rule.template) }
    }

    public static func redact(_ line: String) -> String {
        var s = line
        for (regex, template) in compiled {
            s = regex.stringByReplacingMatches(in: s, range: NSRange(s.startIndex..., in: s), withTemplate: template)
        }
        return s
    }
}
