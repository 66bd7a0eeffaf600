import Foundation

/// Locates built products: they sit next to the test runner executable (`.build/<triple>/debug/`).
enum ProductPaths {
    static var directory: URL {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent()
    }

    static var tideblob: URL { directory.appendingPathComponent("tideblob") }
}
