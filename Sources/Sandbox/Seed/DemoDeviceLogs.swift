import Crypto
import Foundation

/// Realistic device-log uploads: JSON arrays of `{deviceIdentifier, managerIdentifier, message,
/// timestamp, type}` (TidepoolKit's sorted keys) in one-hour chunks `[start, start+1h)` over the
/// last 5 days, uploaded a little after each chunk ended (as TidepoolService does).
enum DemoDeviceLogs {
    static let hour: Int64 = 3_600_000
    static let chunksBack = 120

    private static let managers: [(manager: String, device: String, messages: [(String, String)])] = [
        ("Omnipod-Dash", "PDM-17A3F2", [
            ("send", "getStatus"), ("receive", "status: basal running, reservoir 112.35U"),
            ("send", "setTempBasal rate=0.45 duration=30m"), ("receive", "tempBasal acknowledged"),
            ("delegate", "pumpManager(_:didUpdate:) status changed"), ("delegateResponse", "stored 3 dose entries"),
            ("connection", "BLE connected rssi=-61"), ("error", "comms timeout after 3 retries"),
        ]),
        ("G7CGMManager", "DX0412345", [
            ("receive", "glucose 142 mg/dL trend flat"), ("receive", "glucose 151 mg/dL trend up"),
            ("connection", "sensor advertisement seen"), ("delegate", "cgmManager(_:hasNew:) 1 sample"),
            ("error", "backfill gap 10 min"),
        ]),
    ]

    static func make(owners: [String], content: ContentStore, now: Int64) throws -> [DeviceLogRecord] {
        let currentHour = now / hour * hour
        var records: [DeviceLogRecord] = []
        for (index, owner) in owners.enumerated() {
            let every = [1, 1, 4, 12][index % 4]
            var generator = DemoContent.Generator(seed: UInt64(index + 1) * 7919)
            for back in 1...chunksBack where back % every == 0 {
                if index == 1, back % 7 == 3 { continue }  // gaps for the second patient
                let start = currentHour - Int64(back) * hour
                let end = start + hour
                let body = chunk(start: start, generator: &generator, hostile: index == 3)
                let id = Identifiers.random32Hex()
                try content.writeSeed(.logs, userId: owner, id: id) { fd in
                    try body.withUnsafeBytes { try ContentStore.writeAll(fd, $0) }
                }
                let digest = Data(Insecure.MD5.hash(data: body)).base64EncodedString()
                let created = min(now, end + Int64(generator.int(5_000...240_000)))
                records.append(DeviceLogRecord(id: id, userId: owner, mediaType: "application/json; charset=utf-8",
                                               digestMD5: digest, size: Int64(body.count), createdTime: created,
                                               startAtTime: start, endAtTime: end, revision: 1))
            }
        }
        return records
    }

    private static func chunk(start: Int64, generator: inout DemoContent.Generator, hostile: Bool) -> [UInt8] {
        let count = generator.int(8...24)
        var times = (0..<count).map { _ in start + Int64(generator.int(0...3_599_999)) }
        times.sort()
        var entries: [JSONText] = []
        for time in times {
            let source = managers[generator.int(0...(managers.count - 1))]
            var (type, message) = source.messages[generator.int(0...(source.messages.count - 1))]
            if hostile, generator.int(0...5) == 0 {
                type = "error"
                message = "device name \u{1B}]0;pwned\u{07}\u{1B}[31mRED\u{1B}[0m \u{202E}gnp.exe"
            }
            entries.append(.object([
                ("deviceIdentifier", .string(source.device)), ("managerIdentifier", .string(source.manager)),
                ("message", .string(message)), ("timestamp", .string(WireTime.format(time))), ("type", .string(type)),
            ]))
        }
        return Array(JSONText.array(entries).encoded.utf8)
    }
}
