import Foundation
import Testing
import TestSupport
import TidepoolAPI

extension Reliability {
    /// Sinks (b), (c), (d) and the client log: server text no real sandbox would store — error bodies (JSON and
    /// not), reason phrases, trace headers, and blob lists with hostile media types — sent by a scripted server.
    @Suite struct HostileServerText {
        static let blobId = "0123456789abcdefghijklmnopqrstuv"

        static func errorResponse(_ input: HostileInput, json: Bool) throws -> ScriptedResponse {
            if json {
                let t = input.text
                let object: [String: Any] = ["code": t, "title": t, "detail": t, "message": t, "reason": t,
                                             "source": ["parameter": t, "pointer": t]]
                return ScriptedResponse(status: 400, reason: "Bad Request",
                                        headers: [(name: "Content-Type", value: "application/json; charset=utf-8"),
                                                  (name: "X-Tidepool-Trace-Request", value: input.headerSafeText)],
                                        body: Array(try JSONSerialization.data(withJSONObject: object)))
            }
            return ScriptedResponse(status: 502, reason: input.headerSafeText,
                                    headers: [(name: "Content-Type", value: "text/plain")], body: input.bytes)
        }

        @Test(arguments: [true, false])
        func errorDetails(json: Bool) async throws {
            let logsSeen = Counter()
            try await ScriptedCLI.forEach(try HostileCorpus.all()) { input in
                let run = try await ScriptedCLI.run(["blobs", "info", Self.blobId],
                                                    response: try Self.errorResponse(input, json: json))
                let r = run.result
                var problems = CLISinkCheck.streamProblems(r)
                if r.status != 1 { problems.append("exit status \(r.status), expected 1") }
                let status = json ? "400" : "502"
                if !r.stderr.contains(status) { problems.append("stderr does not show the status \(status)") }
                if (r.stderr + r.stdout).contains(ScriptedCLI.token) { problems.append("the session token was printed") }
                HostileLedger.record(input, sink: json ? "CLI error (JSON body)" : "CLI error (text body)", problems: problems)
                if let log = run.clientLog, !log.isEmpty {
                    logsSeen.add()
                    HostileLedger.record(input, sink: "client log file", problems: ScriptedCLI.logProblems(log))
                }
            }
            print("hostile corpus: client log file written in \(logsSeen.value) of the error runs (json: \(json))")
        }

        @Test func hostileBlobList() async throws {
            let inputs = try HostileCorpus.all()
            let now = TidepoolTime.format(Date(timeIntervalSince1970: 1_780_000_000))
            func id(_ i: Int) -> String { "b10b" + String(repeating: "0", count: 26) + HostileWorld.hex2(i) }
            let list: [[String: Any]] = inputs.map {
                ["id": id($0.index), "userId": HostileWorld.targetId, "digestMD5": "XrY7u+Ae7tCTyyK7j1rNww==",
                 "mediaType": $0.text, "size": 1234, "status": "available", "createdTime": now, "modifiedTime": now,
                 "revision": 1]
            }
            let response = ScriptedResponse(status: 200, headers: [(name: "Content-Type", value: "application/json")],
                                            body: Array(try JSONSerialization.data(withJSONObject: list)))
            let table = try await ScriptedCLI.run(["blobs", "list", HostileWorld.targetId], response: response).result
            #expect(table.status == 0, "\(table)")
            let lines = CLISinkCheck.lines(table)
            let layout = lines.first.flatMap {
                TableLayout(header: $0, names: ["ID", "STATUS", "MEDIA TYPE", "SIZE", "CREATED", "REV", "MD5"],
                            caps: [32, 10, 40, nil, nil, nil, 24], rightAligned: [3: 7, 5: 3])   // sizes "1.2 KiB", revisions 1
            }
            let global = CLISinkCheck.sharedProblems(table, rows: inputs.map { input in lines.first { $0.hasPrefix(id(input.index)) } })
            let json = try await ScriptedCLI.run(["blobs", "list", HostileWorld.targetId, "--json"], response: response).result
            #expect(json.status == 0, "\(json)")
            let jsonGlobal = CLISinkCheck.sharedJSONProblems(json)
            let elements = CLISinkCheck.jsonElements(json, as: Blob.self) ?? []
            for input in inputs {
                let row = lines.first { $0.hasPrefix(id(input.index)) }
                HostileLedger.record(input, sink: "CLI blobs list table (scripted media type)",
                                     problems: global + CLISinkCheck.rowProblems(row, layout: layout))
                var problems = jsonGlobal
                if let element = elements.first(where: { $0.value?.id == id(input.index) }) {
                    problems += element.problems
                    if element.value?.mediaType != input.text { problems.append("media type did not round-trip") }
                } else {
                    problems.append("no element")
                }
                HostileLedger.record(input, sink: "CLI blobs list --json (scripted media type)", problems: problems)
            }
        }
    }
}

/// A thread-safe count.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
