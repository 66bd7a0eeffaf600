/// One request kind of the load mix, and the per-client plans (service sessions use the service-only blob
/// endpoints; user sessions upload to themselves, use device logs, and get 403 where the service says so).
enum LoadOperation: String, Sendable, CaseIterable {
    case login, refresh, whoami
    case uploadBlob, uploadBlobFile, blobInfo, downloadBlob, downloadBlobFile, listBlobs, deleteBlob
    case uploadLog, listLogs, showLog
    /// A user session asking a service-only endpoint: 403 is the expected answer.
    case forbiddenList, forbiddenInfo

    static let serviceCycle: [LoadOperation] = [
        .login, .uploadBlob, .blobInfo, .downloadBlob, .listBlobs, .uploadBlobFile, .downloadBlobFile, .deleteBlob,
        .uploadLog, .listLogs, .showLog, .uploadBlob, .blobInfo, .listBlobs, .downloadBlob, .deleteBlob, .whoami,
        .listLogs, .showLog, .refresh,
    ]

    static let userCycle: [LoadOperation] = [
        .login, .uploadBlob, .uploadLog, .listLogs, .showLog, .whoami, .refresh, .forbiddenList, .uploadBlob,
        .listLogs, .showLog, .uploadLog, .whoami, .uploadBlobFile, .showLog, .forbiddenInfo, .listLogs, .refresh,
        .showLog, .whoami,
    ]

    static func plan(service: Bool, count: Int) -> [LoadOperation] {
        let cycle = service ? serviceCycle : userCycle
        return (0..<count).map { cycle[$0 % cycle.count] }
    }
}
