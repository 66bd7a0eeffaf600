import Foundation
import Testing
@testable import TidepoolAPI

@Suite("Client pieces without a server")
struct ClientUnitTests {
    @Test func environmentResolution() throws {
        #expect(try EnvironmentResolver.resolve(envFlag: nil, urlFlag: nil, variables: [:]).name == "production")
        #expect(try EnvironmentResolver.resolve(envFlag: "qa1", urlFlag: nil, variables: ["TIDEBLOB_ENV": "qa2"]).name == "qa1")
        #expect(try EnvironmentResolver.resolve(envFlag: nil, urlFlag: nil, variables: ["TIDEBLOB_ENV": "QA2"]).name == "qa2")
        let url = try EnvironmentResolver.resolve(envFlag: nil, urlFlag: nil, variables: ["TIDEBLOB_URL": "http://127.0.0.1:8080/"])
        #expect(url.name == "127.0.0.1:8080")
        #expect(url.baseURL.absoluteString == "http://127.0.0.1:8080")
        // A flag beats a variable.
        #expect(try EnvironmentResolver.resolve(envFlag: "dev1", urlFlag: nil, variables: ["TIDEBLOB_URL": "https://x.org"]).name == "dev1")
        #expect(try EnvironmentResolver.environment(url: "https://api.tidepool.org").name == "api.tidepool.org:443")
        let sandbox = try EnvironmentResolver.environment(name: "sandbox", variables: ["TIDEBLOB_SANDBOX_URL": "http://127.0.0.1:9"])
        #expect(sandbox.name == "sandbox" && sandbox.baseURL.absoluteString == "http://127.0.0.1:9")
        #expect(throws: APIError.self) { try EnvironmentResolver.resolve(envFlag: "qa1", urlFlag: "https://x.org", variables: [:]) }
        #expect(throws: APIError.self) { try EnvironmentResolver.resolve(envFlag: "nowhere", urlFlag: nil, variables: [:]) }
        #expect(throws: APIError.self) { try EnvironmentResolver.environment(url: "ftp://x.org") }
        #expect(throws: APIError.self) { try EnvironmentResolver.environment(url: "https://u:p@x.org") }
    }

    @Test func plainHTTPOnlyForLoopback() throws {
        let remote = Environment(name: "x", baseURL: URL(string: "http://example.org")!)
        #expect(throws: APIError.self) { try TidepoolClient(environment: remote) }
        var insecure = ClientConfiguration()
        insecure.allowInsecureHTTP = true
        _ = try TidepoolClient(environment: remote, configuration: insecure)
        _ = try TidepoolClient(environment: Environment(name: "l", baseURL: URL(string: "http://127.0.0.1:1")!))
    }

    @Test func identifiers() {
        #expect(TidepoolID.isBlobID("97a9fae8a19b4da58bb48dc90c9562c9"))
        #expect(TidepoolID.isBlobID("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz"))
        #expect(!TidepoolID.isBlobID("97A9FAE8A19B4DA58BB48DC90C9562C9"))
        #expect(!TidepoolID.isBlobID("97a9fae8a19b4da58bb48dc90c9562c"))
        #expect(!TidepoolID.isBlobID("../../etc/passwd/aaaaaaaaaaaaaaaa"))
        #expect(TidepoolID.isUserID("20e0a1b2c3"))
        #expect(!TidepoolID.isUserID("20E0A1B2C3"))
        #expect(TidepoolID.isUserID("3f2c9a4e-8b1d-4c7e-9a6f-2d5b8e1c0a47"))
        #expect(TidepoolID.isUserID("3F2C9A4E-8B1D-4C7E-9A6F-2D5B8E1C0A47"))
        #expect(!TidepoolID.isUserID("3f2c9a4e-8b1d-4c7e-9a6f-2d5b8e1c0a4"))
        #expect(!TidepoolID.isUserID("20e0a1b2c3/../x"))
        let error = #expect(throws: APIError.self) { try TidepoolID.validateBlobID("nope") }
        #expect(error?.kind == .invalidArgument("\"nope\" is not a valid blob id (expected 32 characters 0-9, a-z)"))
    }

    @Test func invalidIdsNeverReachTheServer() async throws {
        // Port 1 would refuse: an invalidArgument (not a transport error) proves nothing was sent.
        let client = try TidepoolClient(environment: Environment(name: "l", baseURL: URL(string: "http://127.0.0.1:1")!),
                                        session: Session(token: "t", userId: "20e0a1b2c3"))
        let e1 = await expectAPIError { try await client.getBlob(id: "x/../y") }
        #expect(e1?.kind == .invalidArgument("\"x/../y\" is not a valid blob id (expected 32 characters 0-9, a-z)"))
        let e2 = await expectAPIError { try await client.listBlobs(userId: "bob") }
        if case .invalidArgument = e2?.kind {} else { Issue.record("got \(String(describing: e2))") }
        let e3 = await expectAPIError { try await client.listDeviceLogs(userId: "20e0a1b2c3", size: 0) }
        if case .invalidArgument = e3?.kind {} else { Issue.record("got \(String(describing: e3))") }
    }

    @Test func relativeTimes() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(try RelativeTime.parse("2d", now: now) == now.addingTimeInterval(-172_800))
        #expect(try RelativeTime.parse("6h", now: now) == now.addingTimeInterval(-21_600))
        #expect(try RelativeTime.parse("30m", now: now) == now.addingTimeInterval(-1_800))
        #expect(try RelativeTime.parse("1d12h", now: now) == now.addingTimeInterval(-129_600))
        #expect(try RelativeTime.parse("2024-06-03T12:00:00Z", now: now) == Date(timeIntervalSince1970: 1_717_416_000))
        #expect(try RelativeTime.parse("2024-06-03T14:00:00+02:00", now: now) == Date(timeIntervalSince1970: 1_717_416_000))
        #expect(throws: APIError.self) { try RelativeTime.parse("yesterday", now: now) }
        #expect(throws: APIError.self) { try RelativeTime.parse("5", now: now) }
        #expect(throws: APIError.self) { try RelativeTime.parse("h", now: now) }
    }

    @Test func operationsAndHints() {
        #expect(APIOperation.classify(method: "GET", path: "/v1/users/20e0a1b2c3/blobs") == .listBlobs)
        #expect(APIOperation.classify(method: "DELETE", path: "/v1/blobs/abc") == .deleteBlob)
        #expect(APIOperation.classify(method: "GET", path: "/v1/blobs/abc/content") == .downloadBlob)
        #expect(APIOperation.classify(method: "GET", path: "/v1/device_logs/abc") == .getDeviceLogs)
        #expect(APIOperation.classify(method: "POST", path: "/auth/login") == .login)
        #expect(APIOperation.classify(method: "GET", path: "/metadata/users/x/users") == .sharedUsers)
        #expect(APIOperation.listBlobs.isServiceOnly && !APIOperation.createBlob.isServiceOnly)

        let user = Session(token: "t", userId: "20e0a1b2c3", isService: false)
        var e = APIError(.http(status: 403), method: "GET", path: "/v1/users/20e0a1b2c3/blobs")
        #expect(ErrorHints.hint(for: e, session: user) == "listing blobs needs a service account; this session is a user session")
        e.path = "/v1/blobs/abc/content"
        #expect(ErrorHints.hint(for: e, session: user) == "downloading a blob needs a service account; this session is a user session")
        e = APIError(.http(status: 401), method: "GET", path: "/v1/users/x/device_logs")
        #expect(ErrorHints.hint(for: e, session: user) == "session expired or invalid; run `tideblob login`")
        e = APIError(.http(status: 404), method: "GET", path: "/v1/blobs/abc")
        #expect(ErrorHints.hint(for: e, session: user) == "no such blob (it may have been deleted)")
        e = APIError(.transport(curlCode: 28, message: "Operation too slow. Less than 1 bytes/sec transferred the last 60 seconds"))
        #expect(ErrorHints.hint(for: e, session: nil)?.contains("stalled") == true)
        e = APIError(.transport(curlCode: 60, message: "SSL certificate problem"))
        #expect(ErrorHints.hint(for: e, session: nil)?.hasPrefix("TLS failed") == true)
        e = APIError(.transport(curlCode: 6, message: "Could not resolve host: nowhere"))
        #expect(ErrorHints.hint(for: e, session: nil)?.hasPrefix("DNS lookup failed") == true)
    }

    @Test func digestHeaderAndMediaTypes() {
        #expect(TidepoolClient.md5FromDigestHeader("MD5=HUXZLQLMuI/KZ5KDcJPcOA==") == "HUXZLQLMuI/KZ5KDcJPcOA==")
        #expect(TidepoolClient.md5FromDigestHeader("sha-256=abc, md5=HUXZLQLMuI/KZ5KDcJPcOA==") == "HUXZLQLMuI/KZ5KDcJPcOA==")
        #expect(TidepoolClient.md5FromDigestHeader("sha-256=abc") == nil)
        #expect(TidepoolClient.md5Base64(Data()) == "1B2M2Y8AsgTpgAmY7PhCfg==")
        #expect(TidepoolClient.isMediaType("text/plain; charset=utf-8"))
        #expect(TidepoolClient.isMediaType("application/vnd.api+json"))
        #expect(!TidepoolClient.isMediaType("text"))
        #expect(!TidepoolClient.isMediaType("text/plain;"))
        #expect(!TidepoolClient.isMediaType("te xt/plain"))
    }

    @Test func pagesStopAtAShortPage() async throws {
        let calls = CallCounter()
        let pages = PagedSequence<Int>(size: 3) { index, size in
            calls.increment()
            let all = Array(0..<7)
            return Array(all.dropFirst(index * size).prefix(size))
        }
        #expect(try await pages.collect() == Array(0..<7))
        #expect(calls.value == 3)
        // Lazy: taking the first page fetches one page only.
        let lazy = CallCounter()
        let again = PagedSequence<Int>(size: 2) { _, _ in lazy.increment(); return [1, 2] }
        for try await _ in again { break }
        #expect(lazy.value == 1)
        // An exact multiple ends with one empty page.
        let exact = CallCounter()
        let even = PagedSequence<Int>(size: 2) { index, _ in exact.increment(); return index < 2 ? [index, index] : [] }
        #expect(try await even.collect().count == 4)
        #expect(exact.value == 3)
    }

    @Test func nullListsDecodeAsEmpty() throws {
        let decoder = TidepoolJSON.decoder()
        #expect(try decoder.decode(DeviceLogsList.self, from: Data("null".utf8)).items.isEmpty)
        #expect(try decoder.decode(DeviceLogsList.self, from: Data("[]".utf8)).items.isEmpty)
        #expect(try decoder.decode(OptionalList<SharedUser>.self, from: Data("null".utf8)).items.isEmpty)
    }
}

final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

@Suite("Wire times")
struct ClientTimeTests {
    @Test func formatRoundTripsMilliseconds() throws {
        for text in ["2026-11-29T11:09:28.123Z", "2024-06-03T13:00:05.12Z", "2024-06-03T13:00:05Z", "2024-06-03T13:00:05.001Z"] {
            let date = try #require(TidepoolTime.parse(text))
            #expect(TidepoolTime.format(date) == text)
            #expect(TidepoolTime.parse(TidepoolTime.format(date)) == date)
        }
    }
}
