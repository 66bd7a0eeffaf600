import CWCWidth
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Makes `wcwidth` usable (LC_CTYPE must be a UTF-8 locale) exactly once, thread-safely, and remembers whether the
/// *environment's* locale was UTF-8 (what the terminal expects), which is what `SafeText.isUTF8Locale` reports.
enum LocaleSetup {
    /// Swift initialises global/static `let`s once, with `swift_once` (thread-safe).
    private static let environmentIsUTF8: Bool = setUp()

    static func ensure() { _ = environmentIsUTF8 }

    /// Puts a UTF-8 LC_CTYPE back if someone (e.g. `setlocale(LC_ALL, "")` in a non-UTF-8 environment) replaced it.
    static func reassertUTF8CType() {
        ensure()
        if !codesetIsUTF8() {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil || !codesetIsUTF8() { _ = setlocale(LC_CTYPE, "C.utf8") }
        }
    }
    static var isUTF8: Bool { environmentIsUTF8 }

    private static func codesetIsUTF8() -> Bool {
        guard let cs = cw_codeset() else { return false }
        let name = String(cString: cs).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    /// The locale name the environment asks for (LC_ALL, then LC_CTYPE, then LANG), if any.
    private static func environmentLocaleName() -> String? {
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let p = getenv(key) {
                let v = String(cString: p)
                if !v.isEmpty { return v }
            }
        }
        return nil
    }

    private static func setUp() -> Bool {
        let name = environmentLocaleName()?.lowercased() ?? ""
        let nameSaysUTF8 = name.contains("utf-8") || name.contains("utf8")
        // The process may already have called setlocale (the terminal does, before initscr). Keep a UTF-8 LC_CTYPE.
        if codesetIsUTF8() && currentCTypeIsNotC() {
            return nameSaysUTF8   // e.g. the terminal already ran setlocale(LC_ALL, "") or a C.UTF-8 fallback
        }
        let envOK = setlocale(LC_CTYPE, "") != nil && codesetIsUTF8()
        if !envOK {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil || !codesetIsUTF8() {
                _ = setlocale(LC_CTYPE, "C.utf8")
            }
        }
        return envOK || nameSaysUTF8
    }

    private static func currentCTypeIsNotC() -> Bool {
        guard let cur = setlocale(LC_CTYPE, nil) else { return false }
        let s = String(cString: cur)
        return s != "C" && s != "POSIX"
    }
}
