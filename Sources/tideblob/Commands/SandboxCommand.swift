import ArgumentParser
import Foundation
import Sandbox

/// `tideblob sandbox`: a local server that a client cannot tell apart from the Tidepool blob service.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sandbox",
        abstract: "Run a local server that behaves like the Tidepool blob service.",
        discussion: """
        Serves the blob and device-log API plus /auth/login, /metadata, /access and clinic endpoints on loopback. \
        The first line on stdout is `sandbox listening on http://HOST:PORT`, followed by the demo credentials. \
        One sanitized line per request goes to stderr. SIGINT/SIGTERM stop it cleanly.

        Data persists in --data (default $XDG_DATA_HOME/tideblob/sandbox). A new data directory is filled with \
        demo blobs and device logs unless --seed empty. --accounts FILE replaces the demo accounts (JSON: \
        {"accounts":[{"email","password","userId","fullName","service","shares":{"<userId>":["view","upload"]}}], \
        "clinics":[{"id","name","clinicians":[…],"patients":[…]}]}).

        Fault flags (loopback only) make responses misbehave on purpose; a loopback client can also change them \
        while the sandbox runs with `PUT /_sandbox/faults` (see Sources/Sandbox/Faults.swift).
        """)

    @Option(help: "Address to bind (loopback unless --allow-remote).") var host = "127.0.0.1"
    @Option(help: "Port to listen on (8009 is what `--env sandbox` expects); 0 picks a free one.") var port = 8009
    @Option(help: "Data directory.") var data: String?
    @Option(help: "Seed for a new data directory: demo or empty.") var seed = "demo"
    @Option(help: "Accounts file replacing the demo accounts.") var accounts: String?
    @Option(name: .customLong("token-ttl"), help: "Session token lifetime in seconds.") var tokenTTL: Double = 3600
    @Flag(name: .customLong("allow-remote"), help: "Allow binding a non-loopback address.") var allowRemote = false

    @Flag(name: .customLong("fault-wrong-digest"), help: "Content responses carry a wrong Digest.") var faultWrongDigest = false
    @Option(name: .customLong("fault-cut-after"), help: "Drop content responses after this many bytes.") var faultCutAfter: Int?
    @Option(name: .customLong("fault-fail-next"), help: "The next N responses are 500 `upstream exploded`.") var faultFailNext = 0
    @Flag(name: .customLong("fault-malformed-lists"), help: "List responses carry malformed JSON.") var faultMalformedLists = false
    @Option(name: .customLong("fault-delay-ms"), help: "Delay every response by this many milliseconds.") var faultDelayMs = 0
    @Option(name: .customLong("fault-route"),
            help: ArgumentHelp("Break one operation's responses: OP=FAULT[:N], e.g. downloadBlob=cutAfter:100 (repeatable).",
                               discussion: "Faults: \(SandboxRouteFaultKind.names.joined(separator: ", ")). Operations: \(SandboxOperation.allCases.map(\.rawValue).joined(separator: ", ")).",
                               valueName: "OP=FAULT[:N]"))
    var faultRoutes: [String] = []

    var faults: SandboxFaults {
        SandboxFaults(wrongDigest: faultWrongDigest, cutContentAfterBytes: faultCutAfter, failNextResponses: faultFailNext,
                      malformedListJSON: faultMalformedLists, delayMilliseconds: faultDelayMs,
                      routeFaults: faultRoutes.compactMap(SandboxRouteFault.init(flag:)))
    }

    func validate() throws {
        guard SandboxSeed(rawValue: seed) != nil else { throw ValidationError("--seed must be demo or empty") }
        for flag in faultRoutes where SandboxRouteFault(flag: flag) == nil {
            throw ValidationError("--fault-route \(flag): expected OP=FAULT[:N] (faults: \(SandboxRouteFaultKind.names.joined(separator: ", ")))")
        }
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard tokenTTL > 0 else { throw ValidationError("--token-ttl must be positive") }
        let loopback = SandboxConfiguration.isLoopback(host: host)
        if !loopback && !allowRemote {
            throw ValidationError("refusing to bind non-loopback host \(host); pass --allow-remote to do it anyway")
        }
        if !loopback && faults.isActive { throw ValidationError("fault flags need a loopback --host") }
    }

    func run() async throws {
        let dataDirectory = data.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? SandboxConfiguration.defaultDataDirectory
        let configuration = SandboxConfiguration(
            host: host, port: port, dataDirectory: dataDirectory, seed: SandboxSeed(rawValue: seed) ?? .demo,
            accountsFile: accounts.map { URL(fileURLWithPath: $0) }, faults: faults,
            logSink: { line in FileHandle.standardError.write(Data((line + "\n").utf8)) },
            tokenLifetime: tokenTTL, allowRemote: allowRemote)
        let server: SandboxServer
        do {
            server = try SandboxServer(configuration: configuration)
        } catch {
            throw ValidationError("\(error)")
        }
        let urlHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        let accountsPath = accounts
        try await server.run { port in
            var text = "sandbox listening on http://\(urlHost):\(port)\n"
            if let accountsPath {
                text += "accounts from \(accountsPath)\n"
            } else {
                for credential in SandboxServer.demoCredentials {
                    text += "  \(credential.email) / \(credential.password) (\(credential.role))\n"
                }
            }
            text += "data in \(dataDirectory.path)\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
