/// What the sandbox promised for one blob when it answered an upload with 201: these fields must survive a crash.
struct AcknowledgedBlob: Sendable, Equatable {
    var id: String
    var userId: String
    var digestMD5: String
    var size: Int64
    var mediaType: String
}
