import Foundation
import TestSupport

/// Locates built products: they sit next to the test runner executable (`.build/<triple>/debug/`), or
/// `$TIDEBLOB_BINARY` names the `tideblob` binary.
enum ProductPaths {
    static var directory: URL {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }

    static var tideblob: URL {
        if let found = try? CLIRunner.locateBinary() { return found }
        return directory.appendingPathComponent("tideblob")
    }

    /// The `tideblob` binary, or a clear error when it has not been built.
    static func requireTideblob() throws -> URL {
        let url = tideblob
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw E2EError.setup("tideblob binary not found at \(url.path): build it first "
                                 + "(swift build --build-tests) or set TIDEBLOB_BINARY")
        }
        return url
    }
}
