import Foundation
import PropertyBased
import Testing
import TidepoolAPI

extension Reliability {
    /// Random and mutated JSON into every model decoder and error parser of TidepoolAPI: each must return or throw
    /// (a trap would kill the runner), a returned value must be sane, an error display-safe.
    @Suite struct DecoderFuzz {
        @Test func mutatedResponsesNeverTrapOrReturnNonsense() async throws {
            let seeds = try await FuzzSeeds.collect()
            #expect(seeds.count >= 25, "too few seeds: \(seeds.count)")
            let targets = try Self.targets()
            let tally = FuzzTally()
            // Every seed as is: the valid ones must decode with at least one target.
            for seed in seeds { Self.feed(seed, to: targets, tally: tally, label: "seed") }
            #expect(tally.decoded > 20, "the seeds should mostly decode: \(tally.decoded)")

            await propertyCheck(count: 700, input: Gen.int(in: 0..<seeds.count), Gen.uint64()) { index, seed in
                var rng = FuzzRandom(seed: seed)
                let input = FuzzMutator.variant(of: seeds[index], &rng)
                Self.feed(input, to: targets, tally: tally, label: "seed \(index) variant \(seed)")
            }
            await propertyCheck(count: 150, input: Gen.uint64()) { seed in
                var rng = FuzzRandom(seed: seed)
                Self.feed(FuzzMutator.randomBytes(&rng), to: targets, tally: tally, label: "random bytes \(seed)")
            }
            // Both outcomes must have happened, or the fuzzer is not reaching the decoders' interesting paths.
            #expect(tally.decoded > 500 && tally.rejected > 5_000, "decoded \(tally.decoded), rejected \(tally.rejected)")
        }

        @Test func negativeSizesAndRevisionsAreRejected() throws {
            let client = try Self.client()
            let bad = [
                #"{"id":"b","userId":"u","mediaType":"x/y","size":-1,"status":"available","createdTime":"2024-06-03T13:00:05Z","revision":1}"#,
                #"{"id":"b","userId":"u","mediaType":"x/y","status":"created","createdTime":"2024-06-03T13:00:05Z","revision":-1}"#,
            ]
            for json in bad {
                let target = FuzzTarget.model("Blob", Blob.self, client) { FuzzChecks.blob($0) }
                let outcome = target.run(Data(json.utf8))
                ReliabilityLedger.shared.add(.fuzzCases)
                #expect(outcome == .rejected, "\(json) → \(outcome)")
            }
        }

        static func client() throws -> TidepoolClient {
            try TidepoolClient(environment: Environment(name: "fuzz", baseURL: URL(string: "http://127.0.0.1:9")!))
        }

        static func targets() throws -> [FuzzTarget] { FuzzTarget.all(client: try client()) }

        static func feed(_ input: Data, to targets: [FuzzTarget], tally: FuzzTally, label: String) {
            for target in targets {
                let outcome = target.run(input)
                tally.record(outcome)
                ReliabilityLedger.shared.add(.fuzzCases)
                if case .impossible(let what) = outcome {
                    ReliabilityLedger.shared.add(.fuzzTraps)
                    Issue.record("\(target.name) on \(label): \(what); input \(input.prefix(300).base64EncodedString())")
                }
            }
        }
    }
}

/// Outcome counts of one fuzz run.
final class FuzzTally: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    func record(_ outcome: FuzzOutcome) {
        let key: String
        switch outcome {
        case .decoded: key = "decoded"
        case .rejected: key = "rejected"
        case .impossible: key = "impossible"
        }
        lock.lock(); counts[key, default: 0] += 1; lock.unlock()
    }
    var decoded: Int { lock.lock(); defer { lock.unlock() }; return counts["decoded", default: 0] }
    var rejected: Int { lock.lock(); defer { lock.unlock() }; return counts["rejected", default: 0] }
}
