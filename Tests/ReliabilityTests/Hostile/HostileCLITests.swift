import Foundation
import SafeText
import Testing
import TestSupport
import TidepoolAPI

extension Reliability {
    /// Sinks (b) and (c): `tideblob` tables and `--json` over a sandbox that stores the corpus as account and clinic
    /// names, device-log entries and blob media types. Every input must show up (row found / element decoded),
    /// safely, inside its column, and `--json` must give back exactly what the server stored.
    @Suite struct HostileCLI {
        static func signedInCLI(_ world: HostileWorld) async throws -> CLIRunner {
            let cli = try CLIRunner(environment: ["TIDEBLOB_URL": world.sandbox.baseURL.absoluteString])
            let login = try await cli.run(["login", "--email", HostileWorld.supportEmail, "--password-stdin"],
                                          stdin: HostileWorld.supportPassword + "\n")
            guard login.status == 0 else { throw CLIRunnerError.timedOut(["login failed: \(login)"]) }
            return cli
        }

        @Test func cliOverHostileSandbox() async throws {
            let world = try await HostileWorld.start(withContent: false)
            let cli: CLIRunner
            do { cli = try await Self.signedInCLI(world) } catch { await world.stop(); throw error }
            defer { cli.cleanUp() }
            do {
                try await users(cli, world)
                try await logsShow(cli, world)
                try await blobMediaTypes(cli, world)
                try await logsList(cli, world)
            } catch {
                Issue.record(Comment(rawValue: SafeText.line("\(error)")))
            }
            await world.stop()
        }

        func users(_ cli: CLIRunner, _ world: HostileWorld) async throws {
            let table = try await cli.run(["users"])
            #expect(table.status == 0, "\(table)")
            let lines = CLISinkCheck.lines(table)
            let names = ["USER ID", "NAME", "EMAIL", "RELATION", "PERMISSIONS", "CLINICS"]
            let layout = lines.first.flatMap { TableLayout(header: $0, names: names, caps: [36, 30, 40, nil, nil, 40]) }
            let rows = world.inputs.map { input in lines.first { $0.hasPrefix(HostileWorld.userId(input.index)) } }
            let global = CLISinkCheck.sharedProblems(table, rows: rows)
            for (input, row) in zip(world.inputs, rows) {
                HostileLedger.record(input, sink: "CLI users table", problems: global + CLISinkCheck.rowProblems(row, layout: layout))
            }

            let json = try await cli.run(["users", "--json"])
            #expect(json.status == 0, "\(json)")
            let jsonGlobal = CLISinkCheck.sharedJSONProblems(json)
            let elements = CLISinkCheck.jsonElements(json, as: AccessibleAccount.self) ?? []
            #expect(!elements.isEmpty, "users --json is not a JSON array")
            for input in world.inputs {
                let id = HostileWorld.userId(input.index)
                guard let element = elements.first(where: { $0.value?.userId == id }) else {
                    HostileLedger.record(input, sink: "CLI users --json", problems: ["no element for \(id)"] + jsonGlobal)
                    continue
                }
                var problems = jsonGlobal + element.problems
                if element.value?.fullName != input.text { problems.append("fullName did not round-trip") }
                if element.value?.clinics != [input.text] { problems.append("clinic name did not round-trip") }
                if element.value?.email != HostileWorld.email(input) { problems.append("email did not round-trip") }
                HostileLedger.record(input, sink: "CLI users --json", problems: problems)
            }
        }

        func logsShow(_ cli: CLIRunner, _ world: HostileWorld) async throws {
            let table = try await cli.run(["logs", "show", world.combinedChunk])
            #expect(table.status == 0, "\(table)")
            let lines = CLISinkCheck.lines(table)
            let layout = lines.first.flatMap {
                TableLayout(header: $0, names: ["TIME", "TYPE", "MANAGER", "DEVICE", "MESSAGE"], caps: [nil, 16, 24, 24, 100])
            }
            let rows = world.inputs.map { input in
                lines.first { $0.hasPrefix(TidepoolTime.format(world.combinedStart.addingTimeInterval(Double(input.index)))) }
            }
            let global = CLISinkCheck.sharedProblems(table, rows: rows)
            for (input, row) in zip(world.inputs, rows) {
                HostileLedger.record(input, sink: "CLI logs show table", problems: global + CLISinkCheck.rowProblems(row, layout: layout))
            }

            let json = try await cli.run(["logs", "show", world.combinedChunk, "--json"])
            #expect(json.status == 0, "\(json)")
            let jsonGlobal = CLISinkCheck.sharedJSONProblems(json)
            let elements = CLISinkCheck.jsonElements(json, as: DeviceLogEntry.self) ?? []
            #expect(elements.count == world.inputs.count)
            for input in world.inputs {
                let time = world.combinedStart.addingTimeInterval(Double(input.index))
                guard let element = elements.first(where: { $0.value?.timestamp == time }), let entry = element.value else {
                    HostileLedger.record(input, sink: "CLI logs show --json", problems: ["no entry"] + jsonGlobal)
                    continue
                }
                var problems = jsonGlobal + element.problems
                if [entry.type.rawValue, entry.managerIdentifier, entry.deviceIdentifier, entry.message] != Array(repeating: input.text, count: 4) {
                    problems.append("entry fields did not round-trip")
                }
                HostileLedger.record(input, sink: "CLI logs show --json", problems: problems)
            }
        }

        /// Media types the sandbox accepted (normalized as the real service does: non-ASCII percent-encoded).
        func blobMediaTypes(_ cli: CLIRunner, _ world: HostileWorld) async throws {
            #expect(!world.mediaTypeBlobs.isEmpty)
            print("hostile corpus: the sandbox stored \(world.mediaTypeBlobs.count) hostile media types, refused "
                  + "\(world.refusedMediaTypes.count): \(world.refusedMediaTypes.joined(separator: ", "))")
            let table = try await cli.run(["blobs", "list", HostileWorld.targetId, "--all-pages"])
            #expect(table.status == 0, "\(table)")
            let lines = CLISinkCheck.lines(table)
            let layout = lines.first.flatMap {
                TableLayout(header: $0, names: ["ID", "STATUS", "MEDIA TYPE", "SIZE", "CREATED", "REV", "MD5"],
                            caps: [32, 10, 40, nil, nil, nil, 24], rightAligned: [3: 4, 5: 3])   // sizes "1 B", revisions 1
            }
            let ordered = world.mediaTypeBlobs.sorted(by: { $0.value.index < $1.value.index })
            let global = CLISinkCheck.sharedProblems(table, rows: ordered.map { blob in lines.first { $0.hasPrefix(blob.key) } })
            let json = try await cli.run(["blobs", "list", HostileWorld.targetId, "--all-pages", "--json"])
            #expect(json.status == 0, "\(json)")
            let jsonGlobal = CLISinkCheck.sharedJSONProblems(json)
            let elements = CLISinkCheck.jsonElements(json, as: Blob.self) ?? []
            let stored = try await HostileWorld.supportClient(world.sandbox)
                .blobPages(userId: HostileWorld.targetId).collect()
            Self.recordMediaTypes(ordered, command: "blobs list", noun: "blob", lines: lines, layout: layout,
                                  tableProblems: global, jsonProblems: jsonGlobal,
                                  elements: elements.map { ($0.value.map { ($0.id, $0.mediaType) }, $0.problems) },
                                  stored: Dictionary(stored.map { ($0.id, $0.mediaType) }, uniquingKeysWith: { a, _ in a }))
        }

        /// Per input: its table row is safe and within the layout, and its `--json` element is safe and carries the
        /// media type the server stored.
        static func recordMediaTypes(_ inputs: [(key: String, value: HostileInput)], command: String, noun: String,
                                     lines: [String], layout: TableLayout?, tableProblems: [String], jsonProblems: [String],
                                     elements: [(value: (id: String, mediaType: String)?, problems: [String])],
                                     stored: [String: String]) {
            for (id, input) in inputs {
                let row = lines.first { $0.hasPrefix(id) }
                HostileLedger.record(input, sink: "CLI \(command) table (media type)",
                                     problems: tableProblems + CLISinkCheck.rowProblems(row, layout: layout))
                var problems = jsonProblems
                if let element = elements.first(where: { $0.value?.id == id }) {
                    problems += element.problems
                    if element.value?.mediaType != stored[id] { problems.append("media type did not round-trip") }
                } else {
                    problems.append("no element for \(noun) \(id)")
                }
                HostileLedger.record(input, sink: "CLI \(command) --json (media type)", problems: problems)
            }
        }

        /// The CLI's size column text ("512 B", "1.5 KiB", "12 KiB"), to know that right-aligned column's width.
        static func humanSize(_ n: Int64) -> String {
            if n < 1024 { return "\(n) B" }
            let units = ["KiB", "MiB", "GiB", "TiB"]
            var value = Double(n) / 1024
            var i = 0
            while value >= 1024, i < units.count - 1 { value /= 1024; i += 1 }
            return String(format: value < 10 ? "%.1f %@" : "%.0f %@", value, units[i])
        }

        /// Device-log chunks: media types the sandbox accepted, in `logs list` (table and JSON).
        func logsList(_ cli: CLIRunner, _ world: HostileWorld) async throws {
            #expect(!world.typedChunks.isEmpty)
            let table = try await cli.run(["logs", "list", HostileWorld.targetId, "--since", "1d"])
            #expect(table.status == 0, "\(table)")
            let stored = try await HostileWorld.supportClient(world.sandbox)
                .deviceLogPages(userId: HostileWorld.targetId, start: Date().addingTimeInterval(-86_400)).collect()
            let sizeWidth = stored.map { Self.humanSize($0.size).count }.max() ?? 4
            let lines = CLISinkCheck.lines(table)
            let layout = lines.first.flatMap {
                TableLayout(header: $0, names: ["ID", "START", "END", "SIZE", "MEDIA TYPE", "CREATED"],
                            caps: [32, nil, nil, nil, 40, nil], rightAligned: [3: sizeWidth])
            }
            let typed = world.logChunks.filter { world.typedChunks.contains($0.key) }.sorted { $0.value.index < $1.value.index }
            let global = CLISinkCheck.sharedProblems(table, rows: typed.map { chunk in lines.first { $0.hasPrefix(chunk.key) } })
            let json = try await cli.run(["logs", "list", HostileWorld.targetId, "--since", "1d", "--json"])
            #expect(json.status == 0, "\(json)")
            let jsonGlobal = CLISinkCheck.sharedJSONProblems(json)
            let elements = CLISinkCheck.jsonElements(json, as: DeviceLogsMetadata.self) ?? []
            Self.recordMediaTypes(typed, command: "logs list", noun: "chunk", lines: lines, layout: layout,
                                  tableProblems: global, jsonProblems: jsonGlobal,
                                  elements: elements.map { ($0.value.map { ($0.id, $0.mediaType) }, $0.problems) },
                                  stored: Dictionary(stored.map { ($0.id, $0.mediaType) }, uniquingKeysWith: { a, _ in a }))
        }
    }
}
