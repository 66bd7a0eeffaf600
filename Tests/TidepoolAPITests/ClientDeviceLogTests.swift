import Foundation
import Sandbox
import Testing
import TestSupport
@testable import TidepoolAPI

@Suite("Client: device logs")
struct ClientDeviceLogTests {
    @Test func uploadListGetShow() async throws {
        try await Fixture.with { f in
            let me = f.account("patient").userId
            let user = try await f.client("patient")
            #expect(try await user.listDeviceLogs(userId: me).isEmpty)   // null or [] both decode as empty

            let start = Sample.hourAgo(3), end = Sample.hourAgo(2)
            let entries = Sample.entries(count: 5, start: start)
            let meta = try await user.createDeviceLogs(userId: me, entries: entries, start: start, end: end)
            #expect(meta.userId == me && meta.startAtTime == start && meta.endAtTime == end)
            #expect(TidepoolID.isBlobID(meta.id))

            #expect(try await user.getDeviceLogs(id: meta.id).id == meta.id)
            #expect(try await user.deviceLogEntries(id: meta.id) == entries)

            // Window: start >= since, end < until (strictly).
            #expect(try await user.listDeviceLogs(userId: me, start: Sample.hourAgo(4), end: Sample.hourAgo(1)).map(\.id) == [meta.id])
            #expect(try await user.listDeviceLogs(userId: me, start: Sample.hourAgo(2.5)).isEmpty)
            #expect(try await user.listDeviceLogs(userId: me, start: Sample.hourAgo(4), end: end).isEmpty)
            // A time with a + offset goes out percent-encoded and still parses on the server.
            let request = APIRequest(method: "GET", path: "/v1/users/\(me)/device_logs",
                                     query: [(name: "startAtTime", value: "2000-01-01T01:00:00+01:00")])
            #expect(request.target.contains("%2B01%3A00"))
            #expect(try await user.send(request, decoding: DeviceLogsList.self).items.count == 1)

            // Paging through all.
            #expect(try await user.deviceLogPages(userId: me, size: 1).collect().count == 1)
        }
    }

    @Test func permissionsAndErrors() async throws {
        try await Fixture.with { f in
            let zoe = f.account("patient").userId
            let owner = try await f.client("patient")
            let meta = try await owner.createDeviceLogs(userId: zoe, entries: Sample.entries(count: 1, start: Sample.hourAgo(2)),
                                                        start: Sample.hourAgo(2), end: Sample.hourAgo(1))
            // The viewer has view on Zoë: listing and reading work.
            let viewer = try await f.client("viewer")
            #expect(try await viewer.listDeviceLogs(userId: zoe).count == 1)
            #expect(try await viewer.deviceLogEntries(id: meta.id).count == 1)
            // …but uploading needs upload rights.
            let e403 = await expectAPIError {
                try await viewer.createDeviceLogs(userId: zoe, entries: [], start: Sample.hourAgo(2), end: Sample.hourAgo(1))
            }
            #expect(e403?.status == 403)
            #expect(e403?.hint?.contains("may not upload") == true)

            // José has no relationship with Zoë.
            let jose = try await f.client()
            let joseAccount = f.sandbox.account(email: "jose@tideblob.demo")
            try await jose.login(email: joseAccount.email, password: joseAccount.password)
            let list = await expectAPIError { try await jose.listDeviceLogs(userId: zoe) }
            #expect(list?.status == 403)
            #expect(list?.hint?.contains("no access to that user's data") == true)
            let get = await expectAPIError { try await jose.getDeviceLogs(id: meta.id) }
            #expect(get?.status == 500)   // the real service's quirk, explained in the hint
            #expect(get?.hint?.contains("no access to the log's owner") == true)

            // Unknown id → 404; anonymous → 401.
            let missing = await expectAPIError { try await owner.getDeviceLogs(id: String(repeating: "0", count: 32)) }
            #expect(missing?.status == 404)
            #expect(missing?.hint == "no such device-log chunk, or no access to it")
            let anonymous = try await f.client()
            let e401 = await expectAPIError { try await anonymous.send(APIRequest(method: "GET", path: "/v1/users/\(zoe)/device_logs")) }
            #expect(e401?.status == 401)
            #expect(e401?.hint == "not signed in; run `tideblob login`")

            // Bad time → 400 naming the parameter.
            let badTime = await expectAPIError {
                try await owner.send(APIRequest(method: "GET", path: "/v1/users/\(zoe)/device_logs",
                                                query: [(name: "startAtTime", value: "yesterday")]))
            }
            #expect(badTime?.status == 400)
            #expect(badTime?.serverErrors.first?.sourceParameter == "startAtTime")
        }
    }

    @Test func serviceSeesEverythingAndBadContentIsMalformed() async throws {
        try await Fixture.with { f in
            let zoe = f.account("patient").userId
            let service = try await f.client("service")
            let meta = try await service.createDeviceLogs(userId: zoe, data: Data("not json".utf8),
                                                          start: Sample.hourAgo(2), end: Sample.hourAgo(1), mediaType: "text/plain")
            #expect(meta.mediaType == "text/plain")
            #expect(try await service.deviceLogsContent(id: meta.id).data == Data("not json".utf8))
            let e = await expectAPIError { try await service.deviceLogEntries(id: meta.id) }
            if case .malformedResponse = e?.kind {} else { Issue.record("got \(String(describing: e))") }
        }
    }

    @Test func custodianAndUploadRights() async throws {
        try await Fixture.with { f in
            let parent = try await f.client("custodian")
            let zoe = f.account("patient").userId
            let jose = f.sandbox.account(email: "jose@tideblob.demo").userId
            // Custodian of Zoë (custodian + view + upload) and upload-only on José: uploads work for both…
            let meta = try await parent.createDeviceLogs(userId: jose, entries: Sample.entries(count: 1, start: Sample.hourAgo(2)),
                                                         start: Sample.hourAgo(2), end: Sample.hourAgo(1))
            #expect(meta.userId == jose)
            let blob = try await parent.createBlob(userId: zoe, data: Data("from parent".utf8), mediaType: "text/plain")
            #expect(blob.userId == zoe)
            // …listing Zoë's logs works (membership); blob listing stays service-only.
            #expect(try await parent.listDeviceLogs(userId: zoe).isEmpty)
            let e = await expectAPIError { try await parent.listBlobs(userId: zoe) }
            #expect(e?.status == 403)
        }
    }
}
